namespace QaBot.Application.Reminders;

/// <summary>A digest given up after its last attempt, as operators see it: ids only, and what was wrong with it when it could not be read.</summary>
public sealed record GivenUpDigest(string MessageId, string? RunId, string? Person, DateTimeOffset? InsertedOn, string? Problem)
{
    /// <summary>The person's opaque reference, as the status endpoint shows it (<see cref="PersonReference"/>).</summary>
    public string? Reference => PersonReference.For(Person);
}
