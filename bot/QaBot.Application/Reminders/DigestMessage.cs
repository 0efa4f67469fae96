using System.Text.Json;
using System.Text.Json.Serialization;
using QaBot.Application.Delivery;
using QaBot.Core.Organisation;

namespace QaBot.Application.Reminders;

/// <summary>
/// What the reminder run puts on the queue for one person: which run, who, and the local date the digest is composed
/// as of. It carries no names or items: the sender composes the digest from current data, so anything done since the
/// run is left out.
/// </summary>
public sealed record DigestMessage(string RunId, PersonId Person, DateOnly AsOf)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DigestKey Key => new(RunId, Person);

    public string ToJson() => JsonSerializer.Serialize(new Wire(RunId, Person.Value, AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Json);

    /// <summary>Reads a queue message; a message that is not one of ours is an error naming what is wrong.</summary>
    public static DigestMessage Parse(string json)
    {
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The queue message is not a digest message: {e.Message}", e);
        }

        if (wire is null || !DigestKey.IsValidRunId(wire.RunId))
        {
            throw new FormatException("The queue message has no valid runId.");
        }

        if (!PersonId.TryParse(wire.Person, out var person))
        {
            throw new FormatException("The queue message's person is not an Entra object id.");
        }

        if (!DateOnly.TryParseExact(wire.AsOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var asOf))
        {
            throw new FormatException("The queue message's asOf is not a date (yyyy-MM-dd).");
        }

        return new DigestMessage(wire.RunId!, person, asOf);
    }

    private sealed record Wire(
        [property: JsonPropertyName("runId")] string? RunId,
        [property: JsonPropertyName("person")] string? Person,
        [property: JsonPropertyName("asOf")] string? AsOf);
}
