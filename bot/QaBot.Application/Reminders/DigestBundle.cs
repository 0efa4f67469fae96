using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using QaBot.Application.Delivery;
using QaBot.Core.Organisation;

namespace QaBot.Application.Reminders;

/// <summary>
/// One queue message: the digests of up to <see cref="MaxPeople"/> people from one reminder run, so a department's
/// run puts a few hundred messages on the queue rather than one per person, and the sender makes one queue request
/// for several digests. Each digest is still sent, recorded and retried on its own through the send ledger: a message
/// whose digests did not all finish comes back whole, and those already sent are passed over.
/// </summary>
public sealed class DigestBundle
{
    /// <summary>As many digests as one queue receive (32 messages) would hand one sender at once.</summary>
    public const int MaxPeople = 32;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public DigestBundle(string runId, DateOnly asOf, IReadOnlyList<PersonId> people)
    {
        if (!DigestKey.IsValidRunId(runId))
        {
            throw new ArgumentException($"'{runId}' is not a run id.", nameof(runId));
        }

        ArgumentNullException.ThrowIfNull(people);
        if (people.Count is 0 or > MaxPeople || people.Distinct().Count() != people.Count)
        {
            throw new ArgumentException($"A queue message carries 1 to {MaxPeople} different people's digests, not {people.Count}.", nameof(people));
        }

        RunId = runId;
        AsOf = asOf;
        People = [.. people];
    }

    public string RunId { get; }

    public DateOnly AsOf { get; }

    public IReadOnlyList<PersonId> People { get; }

    /// <summary>The message's digests, one per person, in the order queued.</summary>
    public IReadOnlyList<DigestMessage> Digests => People.Select(p => new DigestMessage(RunId, p, AsOf)).ToList();

    /// <summary>A message holding one digest.</summary>
    public static DigestBundle Of(DigestMessage digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new DigestBundle(digest.RunId, digest.AsOf, [digest.Person]);
    }

    public string ToJson() => JsonSerializer.Serialize(new Wire(RunId, null, [.. People.Select(p => p.Value)], AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Json);

    /// <summary>
    /// Reads a queue message: <c>people</c>, or <c>person</c> as one digest was queued before messages held several.
    /// A message that is not one of ours is an error naming what is wrong.
    /// </summary>
    public static DigestBundle Parse(string json)
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

        var ids = wire.People ?? (wire.Person is null ? [] : [wire.Person]);
        if (ids.Length is 0 or > MaxPeople)
        {
            throw new FormatException($"The queue message names {ids.Length} people; a digest message names 1 to {MaxPeople}.");
        }

        var people = new List<PersonId>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (!PersonId.TryParse(ids[i], out var person))
            {
                throw new FormatException(wire.People is null
                    ? "The queue message's person is not an Entra object id."
                    : $"The queue message's people[{i}] is not an Entra object id.");
            }

            if (people.Contains(person))
            {
                throw new FormatException($"The queue message's people[{i}] is named twice.");
            }

            people.Add(person);
        }

        if (!DateOnly.TryParseExact(wire.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            throw new FormatException("The queue message's asOf is not a date (yyyy-MM-dd).");
        }

        return new DigestBundle(wire.RunId!, asOf, people);
    }

    private sealed record Wire(
        [property: JsonPropertyName("runId")] string? RunId,
        [property: JsonPropertyName("person")] string? Person,
        [property: JsonPropertyName("people")] string[]? People,
        [property: JsonPropertyName("asOf")] string? AsOf);
}
