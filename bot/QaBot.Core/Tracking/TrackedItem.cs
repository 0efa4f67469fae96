using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Tracking;

/// <summary>
/// One obligation QaBot tracks: an occurrence of a duty for a person, with its state. Created once per occurrence id
/// (reruns of the scheduler never duplicate it) and changed only through <see cref="ItemTransitions"/>.
/// </summary>
/// <param name="Owner">Who must do it (the manager, after a reassignment).</param>
/// <param name="Area">The owner's home area, where the item is kept.</param>
/// <param name="Concerns">For per-report duties: the supervisee.</param>
/// <param name="RemindAt">When reminders go out (UTC); replaced when the item is rescheduled.</param>
/// <param name="CompletedOn">The date it was done (status Done).</param>
/// <param name="RescheduledTo">The new date (status Rescheduled).</param>
/// <param name="Note">The latest note or reason given with a reply.</param>
/// <param name="ReassignedFrom">Set when the item came to its owner from someone who left: it is flagged for attention.</param>
/// <param name="Version">Counts the changes made to the item, starting at 1.</param>
/// <param name="LastReplyId">The id of the last reply applied, so that a repeated click changes nothing.</param>
public sealed record TrackedItem(
    OccurrenceId Id,
    DutyId Duty,
    PersonId Owner,
    AreaId Area,
    PersonId? Concerns,
    DateOnly Due,
    DateOnly WindowFrom,
    DateOnly WindowTo,
    IReadOnlyList<DateTimeOffset> RemindAt,
    bool Provisional,
    ItemStatus Status,
    DateOnly? CompletedOn,
    DateOnly? RescheduledTo,
    string? Note,
    PersonId? ReassignedFrom,
    int NudgeCount,
    DateTimeOffset? LastNudgedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Actor UpdatedBy,
    int Version,
    string? LastReplyId)
{
    public ItemKey Key => new(Area, Id);

    /// <summary>For an item set aside as not applicable: the reason code given (the compliance figures count by it).</summary>
    public string? NotApplicableReason { get; init; }

    /// <summary>For an item closed for another reason: the reason code (<c>superseded-v2</c>); the compliance figures count by it.</summary>
    public string? ClosedReason { get; init; }

    /// <summary>The latest move beyond the allowance asked of a manager, pending or answered.</summary>
    public RescheduleApproval? Approval { get; init; }

    /// <summary>A move beyond the allowance is waiting for the manager's answer.</summary>
    public bool IsAwaitingApproval => IsOutstanding && Approval is { IsPending: true };

    /// <summary>Open or rescheduled: still to be done.</summary>
    public bool IsOutstanding => Status is ItemStatus.Open or ItemStatus.Rescheduled;

    /// <summary>The date it is due now: the rescheduled date if there is one.</summary>
    public DateOnly EffectiveDue => Status == ItemStatus.Rescheduled && RescheduledTo is { } to ? to : Due;

    /// <summary>True while a reminder planned for <paramref name="instant"/> should still go out.</summary>
    public bool HasReminderAt(DateTimeOffset instant) => IsOutstanding && RemindAt.Contains(instant);

    /// <summary>For a statutory duty, the deadline the item may never move past: its original due date.</summary>
    public DateOnly? StatutoryDeadline(FrameworkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return catalogue.FindDuty(Duty) is { IsStatutory: true } ? Due : null;
    }

    /// <summary>Reassigned from someone who left, so it needs the new owner's attention.</summary>
    public bool IsFlagged => ReassignedFrom is not null;

    /// <summary>A new open item for an occurrence, kept in the owner's home area.</summary>
    public static TrackedItem FromOccurrence(Occurrence occurrence, AreaId ownerHomeArea, DateTimeOffset at, Actor createdBy)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        return new TrackedItem(
            occurrence.Id,
            occurrence.DutyId,
            occurrence.PersonId,
            ownerHomeArea,
            occurrence.Concerns,
            occurrence.Due,
            occurrence.WindowFrom,
            occurrence.WindowTo,
            occurrence.RemindAt,
            occurrence.Provisional,
            ItemStatus.Open,
            CompletedOn: null,
            RescheduledTo: null,
            Note: null,
            ReassignedFrom: null,
            NudgeCount: 0,
            LastNudgedAt: null,
            CreatedAt: at,
            UpdatedAt: at,
            UpdatedBy: createdBy,
            Version: 1,
            LastReplyId: null);
    }

    /// <summary>True when both say the same thing (lists compared item by item).</summary>
    public bool SameAs(TrackedItem other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { RemindAt = [] } == other with { RemindAt = [] } && RemindAt.SequenceEqual(other.RemindAt);
    }
}
