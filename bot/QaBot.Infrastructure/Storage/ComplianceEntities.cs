using System.Globalization;
using Azure.Data.Tables;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Rows of the Compliance table: partition the team-level area (<c>{area}.</c>, as the Items table), row the month
/// (<c>yyyy-MM</c>), and the counts per duty as one JSON property, so a cell never nears the 252-property limit. Row
/// <c>open</c> of the same partition holds the area's open items of every month by duty and date due now, in as many
/// properties of up to <see cref="MaxPropertyChars"/> characters as it needs, and in <c>Oldest</c> the Outstanding row
/// keys of its oldest open items (<see cref="OpenTally.Oldest"/>), one per line.
/// </summary>
internal static class ComplianceEntities
{
    /// <summary>The row of an area's open tally; it sorts after every month, so month ranges never include it.</summary>
    public const string OpenRow = "open";

    /// <summary>
    /// The partition of rows about the model as a whole. No area's partition is this (theirs end in a dot), and its one
    /// row, <see cref="SealRow"/>, is neither a month nor <see cref="OpenRow"/>, so no read of cells or tallies meets it.
    /// </summary>
    public const string ModelPartition = "model";

    /// <summary>The row holding the last month sealed against recounts (property <c>Through</c>, <c>yyyy-MM</c>).</summary>
    public const string SealRow = "sealed";

    /// <summary>The open row's property holding the Outstanding row keys of the area's oldest open items, one per line.</summary>
    public const string OldestProperty = "Oldest";

    /// <summary>A string property holds up to 32K characters; the open tally is split below that.</summary>
    public const int MaxPropertyChars = 30_000;

    public static string Partition(AreaId area) => Keys.AreaPartition(area);

    public static TableEntity WriteOpen(OpenTally tally)
    {
        var json = EntityValues.Json(tally.Duties.ToDictionary(
            d => d.Key.Value,
            d => d.Value.ToDictionary(o => Keys.Date(o.Key), o => o.Value, StringComparer.Ordinal),
            StringComparer.Ordinal));
        var entity = new TableEntity(Partition(tally.Area), OpenRow) { ["Area"] = tally.Area.Value };
        if (tally.Oldest.Count > 0)
        {
            entity[OldestProperty] = string.Join('\n', tally.Oldest.Select(k => ItemEntities.OutstandingKey(k.Due, k.Item)));
        }

        for (var (part, at) = (0, 0); at < json.Length; part++, at += MaxPropertyChars)
        {
            entity[string.Create(CultureInfo.InvariantCulture, $"Open{part}")] = json.Substring(at, Math.Min(MaxPropertyChars, json.Length - at));
        }

        return entity;
    }

    public static OpenTally ReadOpen(TableEntity entity)
    {
        var json = new System.Text.StringBuilder();
        for (var part = 0; entity.Optional(string.Create(CultureInfo.InvariantCulture, $"Open{part}")) is { } text; part++)
        {
            json.Append(text);
        }

        var tally = new OpenTally(AreaId.Parse(entity.Required("Area")));
        var duties = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(json.Length == 0 ? "{}" : json.ToString()) ?? [];
        foreach (var (duty, dates) in duties)
        {
            foreach (var (due, n) in dates)
            {
                tally.Add(new DutyId(duty), DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture), n);
            }
        }

        // Keys that cannot be read are dropped, all of them: the next repair pass fills them again.
        if (entity.Optional(OldestProperty) is { Length: > 0 } oldest && oldest.Split('\n').Select(ItemEntities.TryReadOutstandingKey).ToList() is var keys && keys.All(k => k is not null))
        {
            tally.FillOldest(keys.Select(k => k!.Value));
        }

        return tally;
    }

    public static string RowKey(ReportMonth month) => month.ToString();

    public static TableEntity Write(ComplianceCell cell) => new(Partition(cell.Area), RowKey(cell.Month))
    {
        ["Area"] = cell.Area.Value,
        ["Counts"] = EntityValues.Json(cell.Duties.ToDictionary(d => d.Key.Value, d => Counts.Of(d.Value), StringComparer.Ordinal)),
    };

    public static ComplianceCell Read(TableEntity entity)
    {
        var cell = new ComplianceCell(AreaId.Parse(entity.Required("Area")), ReportMonth.Parse(entity.RowKey));
        foreach (var (duty, counts) in entity.RequiredJson<Dictionary<string, Counts>>("Counts"))
        {
            cell.Duties[new DutyId(duty)] = counts.ToTally();
        }

        return cell;
    }

    /// <summary>One duty's counts as stored: short names keep a department's cell small.</summary>
    internal sealed record Counts(int T, int L, Dictionary<string, int>? Na, Dictionary<string, int>? Co, Dictionary<string, int>? O)
    {
        public static Counts Of(DutyTally tally) => new(
            tally.OnTime,
            tally.Late,
            tally.NotApplicable.Count == 0 ? null : new Dictionary<string, int>(tally.NotApplicable, StringComparer.Ordinal),
            tally.ClosedOther.Count == 0 ? null : new Dictionary<string, int>(tally.ClosedOther, StringComparer.Ordinal),
            tally.Open.Count == 0 ? null : tally.Open.ToDictionary(o => Keys.Date(o.Key), o => o.Value, StringComparer.Ordinal));

        public DutyTally ToTally() => DutyTally.From(
            T,
            L,
            Na ?? [],
            Co ?? [],
            (O ?? []).Select(o => KeyValuePair.Create(DateOnly.ParseExact(o.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), o.Value)));
    }
}
