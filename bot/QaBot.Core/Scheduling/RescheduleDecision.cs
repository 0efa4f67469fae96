namespace QaBot.Core.Scheduling;

/// <summary>Whether a person may move a due date to the date they propose, and why not when they may not.</summary>
/// <param name="WorkingDaysMoved">How far the proposal moves the original due date, in working days (negative: earlier).</param>
public sealed record RescheduleDecision(RescheduleOutcome Outcome, string? Reason, int WorkingDaysMoved)
{
    public bool IsAllowed => Outcome == RescheduleOutcome.Allowed;
}

public enum RescheduleOutcome
{
    /// <summary>The person may make the change themselves.</summary>
    Allowed,

    /// <summary>The change needs the line manager's approval.</summary>
    NeedsApproval,

    /// <summary>The change cannot be made (a past date, a non-working day, past a statutory deadline).</summary>
    Refused,
}
