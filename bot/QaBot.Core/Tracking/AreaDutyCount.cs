using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Tracking;

/// <summary>How many items of one duty are overdue in one area, and the oldest due date among them. No names.</summary>
public sealed record AreaDutyCount(AreaId Area, DutyId Duty, int Count, DateOnly OldestDue);
