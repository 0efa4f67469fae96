namespace QaBot.Application.Reminders;

/// <summary>A digest given up after its last attempt, as operators see it: ids only, and what was wrong with it when it could not be read.</summary>
public sealed record GivenUpDigest(string MessageId, string? RunId, string? Person, DateTimeOffset? InsertedOn, string? Problem)
{
    /// <summary>The person's opaque reference, as the status endpoint shows it (<see cref="PersonReference"/>).</summary>
    public string? Reference => PersonReference.For(Person);

    /// <summary>The digests of a message given up, one each; a message that cannot be read is one entry saying why.</summary>
    public static IReadOnlyList<GivenUpDigest> Of(string messageId, string text, DateTimeOffset? insertedOn)
    {
        try
        {
            var bundle = DigestBundle.Parse(text);
            return bundle.People.Select(p => new GivenUpDigest(messageId, bundle.RunId, p.Value, insertedOn, null)).ToList();
        }
        catch (FormatException e)
        {
            return [new GivenUpDigest(messageId, null, null, insertedOn, e.Message)];
        }
    }
}
