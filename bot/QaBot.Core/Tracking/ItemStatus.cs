namespace QaBot.Core.Tracking;

public enum ItemStatus
{
    /// <summary>Not yet done.</summary>
    Open,

    /// <summary>Done on <see cref="TrackedItem.CompletedOn"/>.</summary>
    Done,

    /// <summary>Moved to <see cref="TrackedItem.RescheduledTo"/>; still outstanding.</summary>
    Rescheduled,

    /// <summary>Does not apply this time; closed.</summary>
    NotApplicable,

    /// <summary>Closed for another reason (<see cref="TrackedItem.ClosedReason"/>), for example superseded by a new version of the framework.</summary>
    ClosedOther,
}
