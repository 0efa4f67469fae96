namespace QaBot.Core.Scheduling;

public enum EscalationLevel
{
    /// <summary>Not overdue, or not overdue long enough to escalate.</summary>
    None = 0,

    /// <summary>Escalated to the person's line manager.</summary>
    LineManager = 1,

    /// <summary>Escalated to the level above the line manager.</summary>
    NextLevel = 2,
}
