using System.Globalization;
using System.Text;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Core.Assurance;

/// <summary>What an audit is: one theme across services, or one undertaken with partner agencies.</summary>
public enum AuditKind
{
    Thematic,
    MultiAgency,
}

/// <summary>
/// A thematic or multi-agency audit arranged by the QA team: its key lines of enquiry and a sample of cases, each
/// allocated to an auditor as an item of theirs (<see cref="DutyId"/>) answered with the reflective case review form.
/// The QA team moderates each case's judgement and closes the audit when every case is recorded and moderated.
/// </summary>
/// <param name="Id">Made from the due month and the title (<see cref="IdFor"/>), so creating the same file twice finds the first.</param>
public sealed record CaseAudit(
    string Id,
    string Title,
    AuditKind Kind,
    IReadOnlyList<string> LinesOfEnquiry,
    DateOnly Due,
    IReadOnlyList<AuditedCase> Cases,
    Actor CreatedBy,
    DateTimeOffset CreatedAt,
    AuditClosure? Closure = null)
{
    /// <summary>The items auditors answer for their allocated cases are this duty's: no duty of the framework's.</summary>
    public const string DutyId = "case-audit";

    /// <summary>The most cases one audit samples: a thematic audit reads a handful to a few dozen files.</summary>
    public const int MaxCases = 90;

    public const int MaxTitleLength = 120;
    public const int MaxLineOfEnquiryLength = 300;
    public const int MaxLinesOfEnquiry = 10;

    public bool IsClosed => Closure is not null;

    /// <summary>The subject of the audit's own audit-trail entries.</summary>
    public string Subject => "audit:" + Id;

    /// <summary>"2027-03-neglect-and-cumulative-harm": the due month, then the title's words.</summary>
    public static string IdFor(string title, DateOnly due) =>
        due.ToString("yyyy-MM", CultureInfo.InvariantCulture) + "-" + TitleWords(title);

    /// <summary>"neglect-and-cumulative-harm": a title's ASCII letters and digits in lower case, runs of anything else one hyphen, at most 48 characters.</summary>
    public static string TitleWords(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var words = slug.ToString().Trim('-');
        return words.Length > 48 ? words[..48].TrimEnd('-') : words;
    }

    /// <summary>
    /// The item id of the audit's case number <paramref name="number"/>: <c>case-audit.{audit id}.c{number}.{case}</c>,
    /// the case reference encoded as an id part, so the form can name the case and refuse a record of another.
    /// </summary>
    public static OccurrenceId ItemIdFor(string auditId, int number, CaseReference reference) =>
        new(string.Concat(DutyId, ".", auditId, ".c", number.ToString(CultureInfo.InvariantCulture), ".", OccurrenceId.Encode(reference.Value)));

    /// <summary>The case an audit item is for (<see cref="ItemIdFor"/>); null for any other item.</summary>
    public static string? CaseOfItem(OccurrenceId item)
    {
        var value = item.Value;
        if (!value.StartsWith(DutyId + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var last = value.LastIndexOf('.');
        return OccurrenceId.Decode(value[(last + 1)..]);
    }

    /// <summary>"Thematic audit" or "Multi-agency audit".</summary>
    public static string KindName(AuditKind kind) => kind == AuditKind.Thematic ? "Thematic audit" : "Multi-agency audit";

    /// <summary>What the auditor's item says it is: "Thematic audit 'Neglect and cumulative harm': case 1234567".</summary>
    public string ItemNote(AuditedCase audited)
    {
        ArgumentNullException.ThrowIfNull(audited);
        return $"{KindName(Kind)} '{Title}': case {audited.Case}";
    }

    /// <summary>The audit entry kept when the audit is arranged.</summary>
    public AuditEntry ArrangedEntry(AuditOrigin origin) =>
        new(CreatedAt, CreatedBy, "arranged", Subject, $"{KindName(Kind)} of {Cases.Count} cases due {Due:yyyy-MM-dd}", origin);

    /// <summary>The audit entry kept with a case's moderation: what the auditor judged, what the moderation made of it, and why.</summary>
    public AuditEntry ModeratedEntry(AuditedCase audited, string auditorsJudgement, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(audited);
        var moderation = audited.Moderation ?? throw new ArgumentException("The case has no moderation.", nameof(audited));
        var what = ModerationSummary(audited.Case, auditorsJudgement, moderation);
        return new(moderation.At, moderation.By, "moderated", Subject, moderation.Reason is { } reason ? $"{what}; reason: {reason}" : what, origin);
    }

    /// <summary>"case 1234567: agreed Good" or "case 1234567: judgement changed from Good to Requires improvement".</summary>
    public static string ModerationSummary(CaseReference reference, string auditorsJudgement, AuditModeration moderation)
    {
        ArgumentNullException.ThrowIfNull(moderation);
        return moderation.Agreed
            ? $"case {reference}: agreed {moderation.Judgement}"
            : $"case {reference}: judgement changed from {auditorsJudgement} to {moderation.Judgement}";
    }

    /// <summary>The audit entry kept when the audit is closed.</summary>
    public AuditEntry ClosedEntry(AuditClosure closure, AuditOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(closure);
        return new(closure.At, closure.By, "closed", Subject, $"{Cases.Count} cases moderated", origin);
    }

    /// <summary>The cases whose record is still to come or still to be moderated, by number.</summary>
    public IReadOnlyList<AuditedCase> Unmoderated => [.. Cases.Where(c => c.Moderation is null)];
}

/// <summary>One sampled case: who audits it and the item they answer; the QA team's moderation once given.</summary>
/// <param name="Practitioner">The allocated worker whose practice is audited, when the file names them: the form offers them.</param>
public sealed record AuditedCase(int Number, CaseReference Case, PersonId Auditor, PersonId? Practitioner, OccurrenceId Item, AuditModeration? Moderation = null);

/// <summary>
/// The QA team's moderation of an auditor's judgement: agreed, or changed with a reason. The auditor's own judgement
/// stays on their record; both are kept in the audit trail.
/// </summary>
public sealed record AuditModeration(bool Agreed, string Judgement, string? Reason, Actor By, DateTimeOffset At);

/// <summary>When and by whom an audit was closed.</summary>
public sealed record AuditClosure(Actor By, DateTimeOffset At);

/// <summary>An audit as its file describes it, before anything is written.</summary>
/// <param name="Line">Where the case stands in the file, to name it in an error found later (an auditor not in the directory).</param>
public sealed record AuditPlanCase(CaseReference Case, string AuditorUpn, string? PractitionerUpn, int Line);

public sealed record AuditPlan(string Title, AuditKind Kind, IReadOnlyList<string> LinesOfEnquiry, IReadOnlyList<AuditPlanCase> Cases, DateOnly Due)
{
    public string Id => CaseAudit.IdFor(Title, Due);
}
