using System.Globalization;
using Azure.Data.Tables;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Write-ahead markers for the Outstanding index. Before an item changes, a marker naming it (and the index row it had)
/// is written to partition <c>~pending</c> of the Outstanding table; after the item and its index are written, the
/// marker is deleted. A marker left behind means a process stopped in between: repair brings the index in line with
/// the item and deletes the marker. The partition sorts after every area, so area queries never meet it.
/// </summary>
internal static class IndexMarkers
{
    public const string Partition = "~pending";

    /// <summary>
    /// One item whose index row may need bringing in line, where its old index row was, if anywhere, and the compliance
    /// cells the write changes (<see cref="ComplianceCells.Name"/>), which repair recounts.
    /// </summary>
    public sealed record Entry(string Area, string Occurrence, string? OldArea, string? OldDue, IReadOnlyList<string>? Cells = null)
    {
        public AreaId AreaId => AreaId.Parse(Area);

        public OccurrenceId Id => new(Occurrence);
    }

    public static TableEntity Write(IReadOnlyList<Entry> entries, DateTimeOffset at) =>
        new(Partition, $"{Keys.Ticks(at)}|{Guid.NewGuid():N}")
        {
            ["CreatedAt"] = at,
            ["Entries"] = EntityValues.Json(entries),
        };

    public static Entry EntryFor(AreaId area, OccurrenceId id, AreaId? oldArea, DateOnly? oldDue, IReadOnlyList<string>? cells = null) =>
        new(area.Value, id.Value, oldArea?.Value, oldDue?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cells is { Count: > 0 } ? cells : null);

    public static IReadOnlyList<Entry> Read(TableEntity marker) => marker.RequiredJson<List<Entry>>("Entries");
}
