using System.Globalization;
using Azure.Data.Tables;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Write-ahead markers for the Outstanding index and the compliance model. Before an item changes, a marker naming it
/// (the index row it had, and the compliance cells the change touches) is written to the Compliance table, in the
/// partition of the area whose cells the write changes (of each of the two, for a move between areas), as row
/// <c>pending|{ticks}|{guid}</c>; the transaction that writes that area's cells deletes it, so keeping the model in step costs no separate delete. A marker left behind means a
/// process stopped in between: repair brings the index in line with the item, recounts the cells and deletes the
/// marker. The row key sorts after every month and after <c>open</c>, so no read of cells or tallies meets it. Markers
/// written by earlier releases sit in partition <c>~pending</c> of the Outstanding table, which repair still reads.
/// </summary>
internal static class IndexMarkers
{
    /// <summary>Where earlier releases wrote their markers: a partition of the Outstanding table.</summary>
    public const string LegacyPartition = "~pending";

    /// <summary>The start of every marker's row key in an area's partition of the Compliance table.</summary>
    public const string RowPrefix = "pending|";

    /// <summary>The property a repair, or a recount of the marker's area, sets to claim a marker (conditional on its ETag).</summary>
    public const string ClaimedAt = "ClaimedAt";

    /// <summary>Who claimed a marker: <see cref="ByRepair"/>, which follows it up and deletes it, or <see cref="ByRecount"/>, which leaves both to its writer.</summary>
    public const string ClaimedBy = "ClaimedBy";

    public const string ByRepair = "repair";

    public const string ByRecount = "recount";

    /// <summary>The merge that claims <paramref name="marker"/> (to be written conditional on its ETag).</summary>
    public static TableEntity Claim(TableEntity marker, string by, DateTimeOffset at) =>
        new(marker.PartitionKey, marker.RowKey) { [ClaimedAt] = at, [ClaimedBy] = by };

    /// <summary>
    /// One item whose index row may need bringing in line, where its old index row was, if anywhere, and the compliance
    /// cells the write changes (<see cref="ComplianceCells.Name"/>), which repair recounts.
    /// </summary>
    public sealed record Entry(string Area, string Occurrence, string? OldArea, string? OldDue, IReadOnlyList<string>? Cells = null)
    {
        public AreaId AreaId => AreaId.Parse(Area);

        public OccurrenceId Id => new(Occurrence);
    }

    public static TableEntity Write(AreaId area, IReadOnlyList<Entry> entries, DateTimeOffset at) =>
        new(ComplianceEntities.Partition(area), $"{RowPrefix}{Keys.Ticks(at)}|{Guid.NewGuid():N}")
        {
            ["CreatedAt"] = at,
            ["Entries"] = EntityValues.Json(entries),
        };

    public static Entry EntryFor(AreaId area, OccurrenceId id, AreaId? oldArea, DateOnly? oldDue, IReadOnlyList<string>? cells = null) =>
        new(area.Value, id.Value, oldArea?.Value, oldDue?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cells is { Count: > 0 } ? cells : null);

    public static IReadOnlyList<Entry> Read(TableEntity marker) => marker.RequiredJson<List<Entry>>("Entries");
}
