using System.Globalization;
using Azure.Data.Tables;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Rows of the Items and Outstanding tables. Items: partition the owner's home area (<c>{area}.</c>); row
/// <c>i|{occurrence}</c> the item and its history at <c>r|{occurrence}|{version}</c> (replies),
/// <c>n|{occurrence}|{version}</c> (nudges) and <c>a|{occurrence}|{version}</c> (audit), which change together in one
/// transaction. Outstanding: partition the same area, row <c>{due}|{occurrence}</c>, a copy of each outstanding item,
/// so "my tasks" and "overdue in my area" read a small table of live items only.
/// </summary>
internal static class ItemEntities
{
    public static string Partition(AreaId area) => Keys.AreaPartition(area);

    public static string PrimaryKey(OccurrenceId id) => "i|" + Keys.Encode(id.Value);

    public static string OutstandingKey(TrackedItem item) => $"{Keys.Date(item.EffectiveDue)}|{Keys.Encode(item.Id.Value)}";

    public static string OutstandingKey(DateOnly due, OccurrenceId id) => $"{Keys.Date(due)}|{Keys.Encode(id.Value)}";

    /// <summary>The due date and item an Outstanding row key names.</summary>
    public static OpenKey ReadOutstandingKey(string rowKey) =>
        TryReadOutstandingKey(rowKey) ?? throw new FormatException($"'{rowKey}' is not an Outstanding row key (yyyy-MM-dd|id).");

    /// <summary>The due date and item an Outstanding row key names; null when it is not one.</summary>
    public static OpenKey? TryReadOutstandingKey(string rowKey) =>
        rowKey is { Length: > 11 } && rowKey[10] == '|'
        && DateOnly.TryParseExact(rowKey.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? new OpenKey(due, new OccurrenceId(Keys.Decode(rowKey[11..])))
            : null;

    public static string HistoryPrefix(char kind, OccurrenceId id) => $"{kind}|{Keys.Encode(id.Value)}|";

    public static string HistoryKey(char kind, OccurrenceId id, int version) => HistoryPrefix(kind, id) + Keys.Version(version);

    public static TableEntity Write(TrackedItem item) => Write(item, PrimaryKey(item.Id));

    public static TableEntity WriteOutstanding(TrackedItem item) => Write(item, OutstandingKey(item));

    public static TableEntity Write(TrackedItem item, string rowKey) => new(Partition(item.Area), rowKey)
    {
        ["Kind"] = "item",
        ["Occurrence"] = item.Id.Value,
        ["Duty"] = item.Duty.Value,
        ["Owner"] = item.Owner.Value,
        ["Area"] = item.Area.Value,
        ["Concerns"] = item.Concerns?.Value,
        ["Due"] = Keys.Date(item.Due),
        ["WindowFrom"] = Keys.Date(item.WindowFrom),
        ["WindowTo"] = Keys.Date(item.WindowTo),
        ["RemindAt"] = EntityValues.Json(item.RemindAt),
        ["Provisional"] = item.Provisional,
        ["Status"] = item.Status.ToString(),
        ["CompletedOn"] = EntityValues.Text(item.CompletedOn),
        ["RescheduledTo"] = EntityValues.Text(item.RescheduledTo),
        ["Note"] = item.Note,
        ["ReassignedFrom"] = item.ReassignedFrom?.Value,
        ["NudgeCount"] = item.NudgeCount,
        ["LastNudgedAt"] = item.LastNudgedAt,
        ["CreatedAt"] = item.CreatedAt,
        ["UpdatedAt"] = item.UpdatedAt,
        ["UpdatedBy"] = item.UpdatedBy.Value,
        ["Version"] = item.Version,
        ["LastReplyId"] = item.LastReplyId,
        ["NaReason"] = item.NotApplicableReason,
        ["ClosedReason"] = item.ClosedReason,
        ["Approval"] = item.Approval is { } approval ? EntityValues.Json(approval) : null,
    };

    public static TrackedItem Read(TableEntity e) => new(
        new OccurrenceId(e.Required("Occurrence")),
        new DutyId(e.Required("Duty")),
        new PersonId(e.Required("Owner")),
        AreaId.Parse(e.Required("Area")),
        e.Optional("Concerns") is { } concerns ? new PersonId(concerns) : null,
        e.RequiredDate("Due"),
        e.RequiredDate("WindowFrom"),
        e.RequiredDate("WindowTo"),
        e.RequiredJson<List<DateTimeOffset>>("RemindAt"),
        e.GetBoolean("Provisional") ?? false,
        Enum.Parse<ItemStatus>(e.Required("Status")),
        e.OptionalDate("CompletedOn"),
        e.OptionalDate("RescheduledTo"),
        e.Optional("Note"),
        e.Optional("ReassignedFrom") is { } from ? new PersonId(from) : null,
        e.GetInt32("NudgeCount") ?? 0,
        e.GetDateTimeOffset("LastNudgedAt"),
        e.RequiredInstant("CreatedAt"),
        e.RequiredInstant("UpdatedAt"),
        Actor.Parse(e.Required("UpdatedBy")),
        e.RequiredInt("Version"),
        e.Optional("LastReplyId"))
    {
        NotApplicableReason = e.Optional("NaReason"),
        ClosedReason = e.Optional("ClosedReason"),
        Approval = e.Optional("Approval") is null ? null : e.RequiredJson<RescheduleApproval>("Approval"),
    };

    public static TableEntity WriteReply(AreaId area, int version, ItemReply reply) => new(Partition(area), HistoryKey('r', reply.Item, version))
    {
        ["Kind"] = "reply",
        ["ReplyId"] = reply.ReplyId,
        ["Occurrence"] = reply.Item.Value,
        ["Reply"] = reply.Kind.ToString(),
        ["By"] = reply.By.Value,
        ["At"] = reply.At,
        ["Date"] = EntityValues.Text(reply.Date),
        ["Note"] = reply.Note,
        ["ReasonCode"] = reply.ReasonCode,
        ["Channel"] = reply.Origin.Channel,
        ["Reference"] = reply.Origin.Reference,
    };

    public static ItemReply ReadReply(TableEntity e) => new(
        e.Required("ReplyId"),
        new OccurrenceId(e.Required("Occurrence")),
        Enum.Parse<ReplyKind>(e.Required("Reply")),
        new PersonId(e.Required("By")),
        e.RequiredInstant("At"),
        e.OptionalDate("Date"),
        e.Optional("Note"),
        new AuditOrigin(e.Required("Channel"), e.Optional("Reference")),
        e.Optional("ReasonCode"));

    public static TableEntity WriteNudge(AreaId area, int version, ItemNudge nudge) => new(Partition(area), HistoryKey('n', nudge.Item, version))
    {
        ["Kind"] = "nudge",
        ["Occurrence"] = nudge.Item.Value,
        ["By"] = nudge.By.Value,
        ["At"] = nudge.At,
        ["Channel"] = nudge.Origin.Channel,
        ["Reference"] = nudge.Origin.Reference,
    };

    public static ItemNudge ReadNudge(TableEntity e) => new(
        new OccurrenceId(e.Required("Occurrence")),
        new PersonId(e.Required("By")),
        e.RequiredInstant("At"),
        new AuditOrigin(e.Required("Channel"), e.Optional("Reference")));

    public static TableEntity WriteAudit(AreaId area, OccurrenceId id, int version, AuditEntry audit) =>
        AuditEntities.Write(Partition(area), HistoryKey('a', id, version), audit);

    /// <summary>Every row a change writes besides the item and its indexes: the audit entry and any reply or nudge.</summary>
    public static IEnumerable<TableEntity> HistoryRows(ItemChange change)
    {
        var item = change.After;
        yield return WriteAudit(item.Area, item.Id, item.Version, change.Audit);
        if (change.Reply is { } reply)
        {
            yield return WriteReply(item.Area, item.Version, reply);
        }

        if (change.Nudge is { } nudge)
        {
            yield return WriteNudge(item.Area, item.Version, nudge);
        }
    }
}
