namespace QaBot.Core.Compliance;

/// <summary>Where one item stands for the compliance figures.</summary>
public enum ComplianceOutcome
{
    /// <summary>Not yet done: counted by the date it is due now, so "overdue" is worked out when the figures are read.</summary>
    Open,

    /// <summary>Done on or before the due date in force (after an allowed reschedule).</summary>
    OnTime,

    /// <summary>Done after the due date in force.</summary>
    Late,

    /// <summary>Set aside as not applicable this time, with a reason.</summary>
    NotApplicable,

    /// <summary>Closed for another reason (for example superseded by a new version of the framework).</summary>
    ClosedOther,
}
