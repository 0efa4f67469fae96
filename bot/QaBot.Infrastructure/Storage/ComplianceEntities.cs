using System.Globalization;
using Azure.Data.Tables;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Rows of the Compliance table: partition the team-level area (<c>{area}.</c>, as the Items table), row the month
/// (<c>yyyy-MM</c>), and the counts per duty as one JSON property, so a cell never nears the 252-property limit.
/// </summary>
internal static class ComplianceEntities
{
    public static string Partition(AreaId area) => Keys.AreaPartition(area);

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
