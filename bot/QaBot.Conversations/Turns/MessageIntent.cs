namespace QaBot.Conversations.Turns;

/// <summary>What a person asked for in chat.</summary>
public enum MessageIntentKind
{
    /// <summary>Not understood.</summary>
    Unknown,

    Help,

    /// <summary>"my tasks", "what's due": the digest.</summary>
    MyTasks,

    /// <summary>"due this week".</summary>
    DueThisWeek,

    /// <summary>"what's overdue in my area", "overdue in Chesterfield".</summary>
    Overdue,

    /// <summary>"log activity".</summary>
    LogActivity,

    /// <summary>"record leave", "I'm on leave", "absence": the leave form.</summary>
    Leave,

    /// <summary>"my cases", "my caseload": the open statutory chains the person (and their team) hold.</summary>
    MyCases,

    /// <summary>"how are we doing", "compliance", "on time": last month's on-time figures for the viewer's area.</summary>
    Compliance,

    /// <summary>"audits in progress", "audits": the QA team's audits not yet closed, or an auditor's own cases in them.</summary>
    Audits,

    /// <summary>"learning days", "practice learning days": the days of the last year and those planned, with their follow-up visits.</summary>
    LearningDays,

    /// <summary>"my programme", "programme of visits": the person's annual programmes of visits and meetings, with the form to add to them.</summary>
    Programme,

    /// <summary>"arrange an audit", "new audit": the QA team's form for a thematic or multi-agency audit.</summary>
    ArrangeAudit,

    /// <summary>"themes this quarter", "reflective case reviews last quarter": the QA view of reviews held.</summary>
    Reviews,
}

/// <summary>
/// A message read as a request; <see cref="Area"/> is the area named ("overdue in ...", "how is ... doing"), if any;
/// for compliance questions, <see cref="Duty"/> the duty named ("doing on supervision") and the period asked about.
/// </summary>
public sealed record MessageIntent(MessageIntentKind Kind, string? Area = null, string? Duty = null, Application.Compliance.CompliancePeriod Period = Application.Compliance.CompliancePeriod.LastMonth)
{
    /// <summary>For questions about reviews, the quarter asked about.</summary>
    public Application.Assurance.ReviewPeriod ReviewPeriod { get; init; }
}
