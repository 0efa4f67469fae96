using System.Globalization;
using Azure.Data.Tables;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Rows of the Reminders table: partition <c>{yyyyMMdd}</c> (the UTC day a reminder goes out), row key
/// <c>{yyyyMMddHHmmss}|{occurrence}</c>. Written before the item changes and tidied after, so a reminder is never lost;
/// a leftover row is only a hint that the reader checks against the item.
/// </summary>
internal static class ReminderEntities
{
    public static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string InstantKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static string RowKey(DateTimeOffset at, OccurrenceId id) => $"{InstantKey(at)}|{Keys.Encode(id.Value)}";

    public static TableEntity Write(TrackedItem item, DateTimeOffset at) => new(Partition(at), RowKey(at, item.Id))
    {
        ["Occurrence"] = item.Id.Value,
        ["Area"] = item.Area.Value,
        ["Owner"] = item.Owner.Value,
        ["RemindAt"] = at,
    };

    public static ReminderDue Read(TableEntity e) => new(
        new ItemKey(AreaId.Parse(e.Required("Area")), new OccurrenceId(e.Required("Occurrence"))),
        new PersonId(e.Required("Owner")),
        e.RequiredInstant("RemindAt"));

    /// <summary>The reminders an item should have in its state: its planned instants while outstanding.</summary>
    public static IReadOnlyList<DateTimeOffset> Planned(TrackedItem? item) =>
        item is { IsOutstanding: true } ? item.RemindAt : [];
}
