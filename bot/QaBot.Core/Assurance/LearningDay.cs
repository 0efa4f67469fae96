using System.Globalization;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Core.Assurance;

/// <summary>What was done on a practice learning day, as the framework names the activities (section 2.4).</summary>
public enum LearningActivityKind
{
    ReflectiveCaseReview,
    FocusGroup,
    ShowMeTellMe,
}

/// <summary>
/// A practice learning day (framework sections 2.4 and 3.0): a senior leader leads a day in one service around key lines
/// of enquiry, with practitioners and managers taking part; its activities (reflective case reviews, focus groups,
/// 'show me, tell me' conversations) are recorded against it. Once the day is recorded as held, the roles whose duty is
/// scheduled from days held (the Executive Director's follow-up visits) are each given an item to visit the service.
/// </summary>
/// <param name="Id">Made from the day's date and title (<see cref="IdFor"/>), so arranging the same file twice finds the first.</param>
/// <param name="Service">The part of the department the day looks at.</param>
public sealed record LearningDay(
    string Id,
    string Title,
    AreaId Service,
    DateOnly Date,
    PersonId Lead,
    IReadOnlyList<PersonId> Participants,
    IReadOnlyList<string> LinesOfEnquiry,
    IReadOnlyList<LearningActivity> Activities,
    Actor CreatedBy,
    DateTimeOffset CreatedAt,
    LearningDayOutcome? Outcome = null)
{
    public const int MaxTitleLength = CaseAudit.MaxTitleLength;
    public const int MaxLineOfEnquiryLength = CaseAudit.MaxLineOfEnquiryLength;
    public const int MaxLinesOfEnquiry = CaseAudit.MaxLinesOfEnquiry;

    /// <summary>The most people one day lists: a service's practitioners and managers.</summary>
    public const int MaxParticipants = 60;

    /// <summary>The most activities recorded against one day.</summary>
    public const int MaxActivities = 60;

    public const int MaxSummaryLength = 500;

    /// <summary>The words a file or command uses for each kind of activity.</summary>
    public static readonly IReadOnlyDictionary<string, LearningActivityKind> Kinds = new Dictionary<string, LearningActivityKind>(StringComparer.Ordinal)
    {
        ["reflective-case-review"] = LearningActivityKind.ReflectiveCaseReview,
        ["focus-group"] = LearningActivityKind.FocusGroup,
        ["show-me-tell-me"] = LearningActivityKind.ShowMeTellMe,
    };

    public bool IsHeld => Outcome is { Held: true };

    public bool IsCancelled => Outcome is { Held: false };

    /// <summary>The subject of the day's own audit-trail entries.</summary>
    public string Subject => "learning-day:" + Id;

    /// <summary>"2027-03-18-neglect-in-early-help": the day, then the title's words.</summary>
    public static string IdFor(string title, DateOnly date) =>
        date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-" + CaseAudit.TitleWords(title);

    /// <summary>"Reflective case review", "Focus group" or "'Show me, tell me' conversation".</summary>
    public static string KindName(LearningActivityKind kind) => kind switch
    {
        LearningActivityKind.ReflectiveCaseReview => "Reflective case review",
        LearningActivityKind.FocusGroup => "Focus group",
        _ => "'Show me, tell me' conversation",
    };

    /// <summary>The word a file or command uses for the kind: "focus-group".</summary>
    public static string KindWord(LearningActivityKind kind) => Kinds.First(k => k.Value == kind).Key;

    /// <summary>
    /// The item of the follow-up visit <paramref name="person"/> owes under <paramref name="duty"/> once the day is held:
    /// <c>{duty}.{day id}.{person}</c>, one per person and day, so recording the day as held twice makes nothing twice.
    /// </summary>
    public OccurrenceId VisitItemFor(DutyId duty, PersonId person) => new(string.Concat(duty.Value, ".", Id, ".", person.Value));

    /// <summary>Whether <paramref name="item"/> is a follow-up visit made from a day held (<see cref="VisitItemFor"/>) rather than an item of the calendar's.</summary>
    public static bool IsVisitItem(OccurrenceId item, DutyId duty)
    {
        var prefix = duty.Value + ".";
        var value = item.Value;
        return value.Length > prefix.Length + 11 && value.StartsWith(prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(value.AsSpan(prefix.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && value[prefix.Length + 10] == '-';
    }

    /// <summary>What the follow-up visit's item says: "Follow-up visit to Locality North after the practice learning day on 14 October 2026 ('Neglect in early help')".</summary>
    public string VisitNote(string serviceName) =>
        $"Follow-up visit to {serviceName} after the practice learning day on {UkDates.Format(Date)} ('{Title}')";

    /// <summary>The audit entry kept when the day is arranged.</summary>
    public AuditEntry ArrangedEntry(AuditOrigin origin) =>
        new(CreatedAt, CreatedBy, "arranged", Subject, $"practice learning day on {Date:yyyy-MM-dd} in {Service.Value} led by {Lead.Value} with {Participants.Count} taking part", origin);

    /// <summary>The audit entry kept with an activity recorded against the day.</summary>
    public AuditEntry ActivityEntry(LearningActivity activity, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var detail = $"activity {activity.Number}: {KindWord(activity.Kind)}" + (activity.Case is { } c ? $", case {c}" : string.Empty);
        return new(activity.At, activity.RecordedBy, "activity recorded", Subject, detail, origin);
    }

    /// <summary>The audit entry kept when the day is recorded as held or cancelled.</summary>
    public AuditEntry OutcomeEntry(LearningDayOutcome outcome, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Held
            ? new(outcome.At, outcome.By, "held", Subject, $"held on {Date:yyyy-MM-dd} with {Activities.Count} activities recorded", origin)
            : new(outcome.At, outcome.By, "cancelled", Subject, "cancelled: " + outcome.Note, origin);
    }
}

/// <summary>One activity of the day: what it was, a short summary of what it found, the case it read and who undertook it where they apply.</summary>
public sealed record LearningActivity(
    int Number,
    LearningActivityKind Kind,
    string Summary,
    CaseReference? Case,
    PersonId? By,
    Actor RecordedBy,
    DateTimeOffset At);

/// <summary>Whether the day was held or cancelled, by whom and when; a cancellation's reason is its note.</summary>
public sealed record LearningDayOutcome(bool Held, string? Note, Actor By, DateTimeOffset At);

/// <summary>A practice learning day as its file describes it, before anything is written; people by UPN, the service by name or path.</summary>
public sealed record LearningDayPlan(
    string Title,
    string Service,
    DateOnly Date,
    string LeadUpn,
    IReadOnlyList<string> ParticipantUpns,
    IReadOnlyList<string> LinesOfEnquiry)
{
    public string Id => LearningDay.IdFor(Title, Date);
}
