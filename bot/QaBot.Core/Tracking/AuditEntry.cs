namespace QaBot.Core.Tracking;

/// <summary>
/// One line of the append-only audit log: who did what to which record, when and from where. Entries are only ever
/// added, in the same transaction as the change they describe.
/// </summary>
/// <param name="Subject">The record changed: <c>item:{occurrence id}</c>, <c>person:{object id}</c>, <c>area:{area id}</c>.</param>
/// <param name="Action">A short verb: <c>created</c>, <c>done</c>, <c>rescheduled</c>, <c>not-applicable</c>, <c>nudged</c>, <c>reassigned</c>, <c>moved</c>, <c>added</c>, <c>updated</c>, <c>deactivated</c>.</param>
/// <param name="Detail">What changed, in words for an auditor; ids only, no names.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    Actor Actor,
    string Action,
    string Subject,
    string Detail,
    AuditOrigin Origin);
