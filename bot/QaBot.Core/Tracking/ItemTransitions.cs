using System.Globalization;
using QaBot.Core.Organisation;

namespace QaBot.Core.Tracking;

/// <summary>
/// Every change an item can go through, as pure functions from the current state to an <see cref="ItemChange"/>
/// (or null when nothing would change). Storage applies them against fresh state and retries them on a conflict,
/// so they must depend only on their inputs.
/// </summary>
public static class ItemTransitions
{
    public static string Subject(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return "item:" + item.Id.Value;
    }

    /// <summary>The audit entry for a newly created item.</summary>
    public static AuditEntry Created(TrackedItem item, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new AuditEntry(
            item.CreatedAt,
            item.UpdatedBy,
            "created",
            Subject(item),
            string.Create(CultureInfo.InvariantCulture, $"{item.Duty} for person:{item.Owner} due {item.Due:yyyy-MM-dd}, status {item.Status}"),
            origin);
    }

    /// <summary>
    /// Records a reply. Returns null when the reply was already applied (same reply id) or would leave the item exactly
    /// as it is. A reply may correct an earlier one: every reply is kept in the history.
    /// </summary>
    /// <param name="remindAt">For a reschedule: the reminders for the new date.</param>
    public static ItemChange? Reply(TrackedItem item, ItemReply reply, IReadOnlyList<DateTimeOffset>? remindAt = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Item != item.Id)
        {
            throw new ArgumentException($"Reply {reply.ReplyId} is for {reply.Item}, not {item.Id}.", nameof(reply));
        }

        if (item.LastReplyId == reply.ReplyId)
        {
            return null;
        }

        var after = reply.Kind switch
        {
            ReplyKind.Done => item with
            {
                Status = ItemStatus.Done,
                CompletedOn = reply.Date ?? throw new ArgumentException("A done reply needs the date it was done.", nameof(reply)),
                Note = reply.Note,
                NotApplicableReason = null,
            },
            ReplyKind.Rescheduled => item with
            {
                Status = ItemStatus.Rescheduled,
                RescheduledTo = reply.Date ?? throw new ArgumentException("A reschedule needs the new date.", nameof(reply)),
                CompletedOn = null,
                Note = reply.Note,
                RemindAt = remindAt ?? [],
                NotApplicableReason = null,
            },
            ReplyKind.NotApplicable => item with
            {
                Status = ItemStatus.NotApplicable,
                CompletedOn = null,
                Note = reply.Note,
                NotApplicableReason = reply.ReasonCode ?? Compliance.ComplianceEntry.OtherReason,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.Kind, "Unknown reply kind."),
        };

        if (after.SameAs(item))
        {
            return null;
        }

        var by = Actor.Person(reply.By);
        after = after with { UpdatedAt = reply.At, UpdatedBy = by, Version = item.Version + 1, LastReplyId = reply.ReplyId };
        if (item.IsAwaitingApproval)
        {
            // Answered another way before the manager did: the approval card goes stale.
            after = after with { Approval = item.Approval! with { State = ApprovalState.Withdrawn } };
        }

        var detail = reply.Kind switch
        {
            ReplyKind.Done => string.Create(CultureInfo.InvariantCulture, $"done on {after.CompletedOn:yyyy-MM-dd}"),
            ReplyKind.Rescheduled => string.Create(CultureInfo.InvariantCulture, $"rescheduled from {item.EffectiveDue:yyyy-MM-dd} to {after.RescheduledTo:yyyy-MM-dd}"),
            _ => "not applicable this time, reason " + after.NotApplicableReason,
        };
        if (item.Status != ItemStatus.Open)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $" (was {item.Status})");
        }

        var action = reply.Kind switch
        {
            ReplyKind.Done => "done",
            ReplyKind.Rescheduled => "rescheduled",
            _ => "not-applicable",
        };

        return new ItemChange(after, new AuditEntry(reply.At, by, action, Subject(item), detail, reply.Origin), Reply: reply);
    }

    /// <summary>
    /// The owner asks to move an outstanding item further than the allowance: the request waits on the item for the
    /// approver's answer (a later request replaces one still waiting). Returns null when this request is already there.
    /// </summary>
    public static ItemChange? RequestApproval(TrackedItem item, RescheduleApproval approval, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(approval);
        if (!item.IsOutstanding || item.Approval?.RequestId == approval.RequestId)
        {
            return null;
        }

        var by = Actor.Person(approval.RequestedBy);
        var version = item.Version + 1;
        var after = item with
        {
            Approval = approval with { State = ApprovalState.Pending, CardVersion = version, DecidedBy = null, DecidedAt = null, DecisionNote = null },
            UpdatedAt = approval.RequestedAt,
            UpdatedBy = by,
            Version = version,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"move from {item.EffectiveDue:yyyy-MM-dd} to {approval.To:yyyy-MM-dd} sent to person:{approval.Approver} for approval");
        if (item.IsAwaitingApproval)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $" (replaces the request to move to {item.Approval!.To:yyyy-MM-dd})");
        }

        return new ItemChange(after, new AuditEntry(approval.RequestedAt, by, "reschedule-requested", Subject(item), detail, origin));
    }

    /// <summary>
    /// Takes back a request whose approval card Teams did not deliver, so the owner may ask again. Returns null when
    /// the item no longer waits on that request.
    /// </summary>
    public static ItemChange? WithdrawApproval(TrackedItem item, string requestId, DateTimeOffset at, string reason, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsAwaitingApproval || item.Approval!.RequestId != requestId)
        {
            return null;
        }

        var approval = item.Approval;
        var after = item with
        {
            Approval = approval with { State = ApprovalState.Withdrawn },
            UpdatedAt = at,
            UpdatedBy = Actor.Person(approval.RequestedBy),
            Version = item.Version + 1,
        };
        var detail = $"approval card to person:{approval.Approver} not delivered ({reason}); request withdrawn";
        return new ItemChange(after, new AuditEntry(at, after.UpdatedBy, "reschedule-request-withdrawn", Subject(item), detail, origin));
    }

    /// <summary>
    /// The approver agrees to the move waiting on the item: it is rescheduled as the owner asked, the reply kept in the
    /// owner's name and the approval in the approver's. Returns null when no request is waiting.
    /// </summary>
    /// <param name="remindAt">The reminders for the new date.</param>
    public static ItemChange? Approve(TrackedItem item, PersonId by, DateTimeOffset at, IReadOnlyList<DateTimeOffset> remindAt, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(remindAt);
        if (!item.IsAwaitingApproval)
        {
            return null;
        }

        var approval = item.Approval!;
        var reply = new ItemReply(approval.RequestId + ".approved", item.Id, ReplyKind.Rescheduled, approval.RequestedBy, at, approval.To, approval.Reason, origin);
        var actor = Actor.Person(by);
        var after = item with
        {
            Status = ItemStatus.Rescheduled,
            RescheduledTo = approval.To,
            CompletedOn = null,
            Note = approval.Reason,
            RemindAt = remindAt,
            NotApplicableReason = null,
            Approval = approval with { State = ApprovalState.Approved, DecidedBy = by, DecidedAt = at },
            UpdatedAt = at,
            UpdatedBy = actor,
            Version = item.Version + 1,
            LastReplyId = reply.ReplyId,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"rescheduled from {item.EffectiveDue:yyyy-MM-dd} to {approval.To:yyyy-MM-dd} at the request of person:{approval.RequestedBy}, approved by person:{by}");
        return new ItemChange(after, new AuditEntry(at, actor, "reschedule-approved", Subject(item), detail, origin), Reply: reply);
    }

    /// <summary>The approver turns down the move waiting on the item, saying why: the due date stands. Returns null when no request is waiting.</summary>
    /// <param name="reason">Why (free text: kept on the item, never in the audit detail or logs).</param>
    public static ItemChange? Decline(TrackedItem item, PersonId by, DateTimeOffset at, string reason, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!item.IsAwaitingApproval)
        {
            return null;
        }

        var approval = item.Approval!;
        var actor = Actor.Person(by);
        var after = item with
        {
            Approval = approval with { State = ApprovalState.Declined, DecidedBy = by, DecidedAt = at, DecisionNote = reason },
            UpdatedAt = at,
            UpdatedBy = actor,
            Version = item.Version + 1,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"move from {item.EffectiveDue:yyyy-MM-dd} to {approval.To:yyyy-MM-dd} requested by person:{approval.RequestedBy} declined by person:{by}; the due date stands");
        return new ItemChange(after, new AuditEntry(at, actor, "reschedule-declined", Subject(item), detail, origin));
    }

    /// <summary>The reason code of items closed because framework <paramref name="version"/> changed or removed their duty.</summary>
    public static string SupersededReason(int version) => string.Create(CultureInfo.InvariantCulture, $"superseded-v{version}");

    /// <summary>
    /// Closes an outstanding item whose duty framework <paramref name="version"/> changed or removed: "superseded by
    /// framework version N", counted as closed for another reason. Returns null when it is no longer outstanding, so
    /// a run that stopped part-way can be run again without closing anything twice.
    /// </summary>
    public static ItemChange? Supersede(TrackedItem item, int version, DateTimeOffset at, AuditOrigin origin) =>
        CloseOther(item, SupersededReason(version), at, Actor.System("framework"), "superseded", $"superseded by framework version {version}", origin);

    /// <summary>The closed reason of a calendar item whose chair is reminded of each meeting instead.</summary>
    public const string ReplacedByMeetingsReason = "replaced-by-meetings";

    /// <summary>The reason code of items closed because the person they concern left (compliance counts them apart).</summary>
    public const string LeftReason = "left";

    /// <summary>
    /// Closes an item of a chaired meeting's duty made on the duty's calendar rhythm once its chair is reminded of each
    /// meeting instead (<see cref="ReplacedByMeetingsReason"/>); null when it is no longer outstanding.
    /// </summary>
    public static ItemChange? CloseAsReplacedByMeetings(TrackedItem item, DateTimeOffset at, AuditOrigin origin) =>
        CloseOther(item, ReplacedByMeetingsReason, at, Actor.System("meetings"), "closed-replaced", "the chair is reminded of each meeting instead", origin);

    /// <summary>
    /// Closes an outstanding item about someone who has left (their supervision, their My Plan/PDR): "closed, left",
    /// counted as closed for another reason rather than staying overdue. Returns null when it is no longer outstanding.
    /// </summary>
    public static ItemChange? CloseAsLeft(TrackedItem item, DateTimeOffset at, Actor actor, AuditOrigin origin) =>
        CloseOther(item, LeftReason, at, actor, "closed-left", item is null ? string.Empty : $"person:{item.Concerns} left", origin);

    /// <summary>Closes an outstanding item for another reason (<paramref name="reason"/>), with its audit entry; null when it is no longer outstanding.</summary>
    private static ItemChange? CloseOther(TrackedItem item, string reason, DateTimeOffset at, Actor actor, string action, string why, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsOutstanding)
        {
            return null;
        }

        var after = item with
        {
            Status = ItemStatus.ClosedOther,
            ClosedReason = reason,
            Approval = item.IsAwaitingApproval ? item.Approval! with { State = ApprovalState.Withdrawn } : item.Approval,
            UpdatedAt = at,
            UpdatedBy = actor,
            Version = item.Version + 1,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"closed: {why} (was {item.Status}, due {item.EffectiveDue:yyyy-MM-dd})");
        return new ItemChange(after, new AuditEntry(at, actor, action, Subject(item), detail, origin));
    }

    /// <summary>
    /// Moves an item falling due while its owner is away to the first working day after they return, with reminders
    /// for the new date. Never a statutory item (its deadline stands: it goes to the owner's cover or manager instead),
    /// nor one that is closed, waiting on a manager's approval, or already due on or after <paramref name="returnsOn"/>.
    /// </summary>
    public static ItemChange? MoveForAbsence(TrackedItem item, Absence absence, DateOnly returnsOn, IReadOnlyList<DateTimeOffset> remindAt, DateTimeOffset at, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(absence);
        ArgumentNullException.ThrowIfNull(remindAt);
        if (!item.IsOutstanding || item.IsAwaitingApproval || item.Owner != absence.Person || !absence.IsOn(item.EffectiveDue) || item.EffectiveDue >= returnsOn)
        {
            return null;
        }

        var actor = Actor.System("leave");
        var after = item with
        {
            Status = ItemStatus.Rescheduled,
            RescheduledTo = returnsOn,
            RemindAt = remindAt,
            UpdatedAt = at,
            UpdatedBy = actor,
            Version = item.Version + 1,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"moved from {item.EffectiveDue:yyyy-MM-dd} to {returnsOn:yyyy-MM-dd}: person:{item.Owner} away {absence.From:yyyy-MM-dd} to {absence.To:yyyy-MM-dd}");
        return new ItemChange(after, new AuditEntry(at, actor, "moved-for-leave", Subject(item), detail, origin));
    }

    /// <summary>Records that a manager nudged the owner about the item.</summary>
    public static ItemChange Nudge(TrackedItem item, ItemNudge nudge)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(nudge);
        var by = Actor.Person(nudge.By);
        var after = item with
        {
            NudgeCount = item.NudgeCount + 1,
            LastNudgedAt = nudge.At,
            UpdatedAt = nudge.At,
            UpdatedBy = by,
            Version = item.Version + 1,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"nudge {after.NudgeCount} sent to person:{item.Owner}");
        return new ItemChange(after, new AuditEntry(nudge.At, by, "nudged", Subject(item), detail, nudge.Origin), Nudge: nudge);
    }

    /// <summary>
    /// Takes back a nudge that was reserved (recorded before sending, so that two presses at once send one) but that
    /// Teams did not deliver: the count and the last nudge time go back to what they were, so someone may nudge again,
    /// and the audit trail says why. Returns null when the item no longer carries that nudge (nothing to take back).
    /// </summary>
    /// <param name="reserved">The item as the reservation left it.</param>
    /// <param name="before">The item as it was just before the reservation.</param>
    public static ItemChange? WithdrawNudge(TrackedItem item, TrackedItem reserved, TrackedItem before, DateTimeOffset at, string reason, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(reserved);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(origin);
        if (item.Version != reserved.Version || item.LastNudgedAt != reserved.LastNudgedAt)
        {
            return null;
        }

        var after = item with
        {
            NudgeCount = before.NudgeCount,
            LastNudgedAt = before.LastNudgedAt,
            UpdatedAt = at,
            UpdatedBy = reserved.UpdatedBy,
            Version = item.Version + 1,
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"nudge {reserved.NudgeCount} to person:{item.Owner} not delivered ({reason}); withdrawn");
        return new ItemChange(after, new AuditEntry(at, reserved.UpdatedBy, "nudge-withdrawn", Subject(item), detail, origin));
    }

    /// <summary>Gives an outstanding item to someone else (the line manager of a person who left), flagged for attention.</summary>
    public static ItemChange? Reassign(TrackedItem item, Person to, DateTimeOffset at, Actor actor, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(to);
        if (item.Owner == to.Id && item.Area == to.HomeArea)
        {
            return null;
        }

        var after = item with
        {
            Owner = to.Id,
            Area = to.HomeArea,
            ReassignedFrom = item.ReassignedFrom ?? item.Owner,
            UpdatedAt = at,
            UpdatedBy = actor,
            Version = item.Version + 1,
        };
        var detail = $"reassigned from person:{item.Owner} to person:{to.Id} (area {item.Area} to {to.HomeArea}), flagged";
        return new ItemChange(after, new AuditEntry(at, actor, "reassigned", Subject(item), detail, origin));
    }

    /// <summary>Keeps an item with its owner when the owner's home area changes.</summary>
    public static ItemChange? Move(TrackedItem item, AreaId toArea, DateTimeOffset at, Actor actor, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Area == toArea)
        {
            return null;
        }

        var after = item with { Area = toArea, UpdatedAt = at, UpdatedBy = actor, Version = item.Version + 1 };
        return new ItemChange(after, new AuditEntry(at, actor, "moved", Subject(item), $"moved from area {item.Area} to {toArea} with its owner", origin));
    }

    /// <summary>
    /// Moves a statutory item's deadline to an extension recorded for its case (only as far as the procedure allows:
    /// the case's chain decides). Not a reschedule: the item's due date is its statutory deadline, and it changes only
    /// through the case's events.
    /// </summary>
    public static ItemChange? Extend(TrackedItem item, DateOnly to, IReadOnlyList<DateTimeOffset> remindAt, DateTimeOffset at, Actor actor, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(remindAt);
        if (item.Due == to || !item.IsOutstanding)
        {
            return null;
        }

        var after = item with { Due = to, WindowTo = to, RemindAt = remindAt, UpdatedAt = at, UpdatedBy = actor, Version = item.Version + 1 };
        var detail = string.Create(CultureInfo.InvariantCulture, $"statutory deadline extended from {item.Due:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        return new ItemChange(after, new AuditEntry(at, actor, "extended", Subject(item), detail, origin));
    }

    /// <summary>Gives an outstanding item to the person a case was transferred to, in the same home area (not flagged: nobody left).</summary>
    public static ItemChange? HandOver(TrackedItem item, Person to, DateTimeOffset at, Actor actor, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(to);
        if (item.Owner == to.Id || !item.IsOutstanding)
        {
            return null;
        }

        if (item.Area != to.HomeArea)
        {
            throw new ArgumentException($"Item {item.Id} is kept in {item.Area}; person {to.Id} works in {to.HomeArea}.", nameof(to));
        }

        var after = item with { Owner = to.Id, UpdatedAt = at, UpdatedBy = actor, Version = item.Version + 1 };
        return new ItemChange(after, new AuditEntry(at, actor, "handed-over", Subject(item), $"case transferred from person:{item.Owner} to person:{to.Id}", origin));
    }
}
