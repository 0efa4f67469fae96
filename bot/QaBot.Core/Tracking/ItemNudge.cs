using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Tracking;

/// <summary>A manager's nudge about an overdue item: the owner is sent a reminder and the nudge is recorded.</summary>
public sealed record ItemNudge(OccurrenceId Item, PersonId By, DateTimeOffset At, AuditOrigin Origin);
