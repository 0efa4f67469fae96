using System.Globalization;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Testing.Organisation;

/// <summary>Tracked items for tests.</summary>
public static class TestItems
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly AuditOrigin Origin = new("test", "fixture");

    /// <summary>An open item for <paramref name="owner"/> in <paramref name="area"/>, due on <paramref name="due"/>, reminded at 09:00 UTC that day.</summary>
    public static TrackedItem Open(string id, PersonId owner, AreaId area, DateOnly due, string duty = "supervision") =>
        TrackedItem.FromOccurrence(
            new Occurrence(
                new OccurrenceId(id),
                new DutyId(duty),
                owner,
                due,
                due.AddDays(-14),
                due,
                [new DateTimeOffset(due.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)],
                Concerns: null,
                Provisional: false),
            area,
            CreatedAt,
            Actor.System("scheduler"));

    public static ItemReply Reply(TrackedItem item, ReplyKind kind, DateOnly? date, string replyId = "reply-1", DateTimeOffset? at = null) =>
        new(replyId, item.Id, kind, item.Owner, at ?? CreatedAt.AddDays(10), date, "note", new AuditOrigin("teams", "activity-1"));

    public static string Id(int n) => "occ-" + n.ToString("D6", CultureInfo.InvariantCulture);
}
