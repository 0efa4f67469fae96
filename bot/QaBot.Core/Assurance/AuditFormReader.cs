using System.Globalization;
using QaBot.Core.Cases;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Core.Assurance;

/// <summary>What the QA team typed into the "arrange an audit" card, as it arrived.</summary>
/// <param name="LinesOfEnquiry">One key line of enquiry a line.</param>
/// <param name="Cases">One case a line: the reference, the auditor's sign-in and, if known, the practitioner's.</param>
/// <param name="Due">The day the auditors' records are due, <c>yyyy-MM-dd</c> as a date input gives it.</param>
public sealed record AuditFormInput(string? Title, string? Kind, string? LinesOfEnquiry, string? Cases, string? Due);

/// <summary>
/// Reads the "arrange an audit" card (docs/quality-assurance.md) into the same plan an audit file gives, with the same
/// rules: a title, a kind, 1 to 10 lines of enquiry, 1 to 90 cases each sampled once with an auditor, and a due day;
/// no personal identifiers in the text. The form is checked whole: every problem is named by the form's field and, in
/// the lists, the line, and a form with any problem gives no plan.
/// </summary>
public static class AuditFormReader
{
    /// <summary>The form's fields as the card labels them, which is how problems name them.</summary>
    public static class Fields
    {
        public const string Title = "Title";
        public const string Kind = "Kind";
        public const string LinesOfEnquiry = "Key lines of enquiry";
        public const string Cases = "Cases";
        public const string Due = "Due";
    }

    private static readonly char[] CaseSeparators = [' ', '\t', ',', ';'];

    public static AuditFormResult Read(AuditFormInput input, CaseReferencePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pattern);
        var problems = new List<string>();
        var identifiers = new PersonalIdentifierCheck(pattern);

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            problems.Add($"{Fields.Title}: name the audit, for example 'Neglect and cumulative harm'.");
        }
        else
        {
            CheckText(Fields.Title, title, CaseAudit.MaxTitleLength, identifiers, problems);
        }

        AuditKind? kind = input.Kind is { } k && AuditPlanReader.Kinds.TryGetValue(k.Trim(), out var known) ? known : null;
        if (kind is null)
        {
            problems.Add($"{Fields.Kind}: choose thematic or multi-agency.");
        }

        var lines = ReadLinesOfEnquiry(input.LinesOfEnquiry, identifiers, problems);
        var cases = ReadCases(input.Cases, pattern, problems);
        DateOnly? due = null;
        if (DateOnly.TryParseExact(input.Due?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            due = day;
        }
        else
        {
            problems.Add($"{Fields.Due}: choose the day the auditors' records are due.");
        }

        return problems.Count == 0
            ? new AuditFormResult(new AuditPlan(title!, kind!.Value, lines, cases, due!.Value), [])
            : new AuditFormResult(null, problems);
    }

    private static List<string> ReadLinesOfEnquiry(string? text, PersonalIdentifierCheck identifiers, List<string> problems)
    {
        var lines = new List<string>();
        var entries = Lines(text);
        if (entries.Count == 0 || entries.Count > CaseAudit.MaxLinesOfEnquiry)
        {
            problems.Add($"{Fields.LinesOfEnquiry}: give from 1 to {CaseAudit.MaxLinesOfEnquiry}, one a line; this form has {entries.Count}.");
        }

        foreach (var (number, line) in entries)
        {
            if (CheckText($"{Fields.LinesOfEnquiry}, line {number}", line, CaseAudit.MaxLineOfEnquiryLength, identifiers, problems))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static List<AuditPlanCase> ReadCases(string? text, CaseReferencePattern pattern, List<string> problems)
    {
        var sample = new List<AuditPlanCase>();
        var entries = Lines(text);
        if (entries.Count == 0 || entries.Count > CaseAudit.MaxCases)
        {
            problems.Add($"{Fields.Cases}: give from 1 to {CaseAudit.MaxCases} cases, one a line (the case reference, then the auditor's sign-in); this form has {entries.Count}.");
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (number, line) in entries)
        {
            var where = $"{Fields.Cases}, line {number}";
            var parts = line.Split(CaseSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length is < 2 or > 3)
            {
                problems.Add($"{where}: write the case reference, then the auditor's sign-in and, if known, the practitioner's, for example '1234567 sam.jones@council.gov.uk'.");
                continue;
            }

            CaseReference? reference = null;
            if (pattern.TryParse(parts[0], out var parsed, out var problem))
            {
                reference = parsed;
            }
            else
            {
                problems.Add($"{where}: '{parts[0]}': {problem}");
            }

            var auditor = SignIn(where, "auditor", parts[1], problems);
            var practitioner = parts.Length == 3 ? SignIn(where, "practitioner", parts[2], problems) : null;
            if (reference is not { } kept)
            {
                continue;
            }

            if (!seen.TryAdd(kept.Value, number))
            {
                problems.Add($"{where}: case {kept} is sampled twice (first on line {seen[kept.Value]}): sample each case once.");
                continue;
            }

            if (auditor is not null && (parts.Length == 2 || practitioner is not null))
            {
                sample.Add(new AuditPlanCase(kept, auditor, practitioner, number));
            }
        }

        return sample;
    }

    private static string? SignIn(string where, string who, string text, List<string> problems)
    {
        if (MeetingScheduleLoader.LooksLikeMailbox(text))
        {
            return text;
        }

        problems.Add($"{where}: '{text}' is not the {who}'s sign-in: give it as an address, for example sam.jones@council.gov.uk.");
        return null;
    }

    /// <summary>The box's non-blank lines, trimmed, each with its number as the person sees it.</summary>
    private static List<(int Number, string Text)> Lines(string? text) =>
        [.. (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select((line, i) => (Number: i + 1, Text: line.Trim()))
            .Where(l => l.Text.Length > 0)];

    private static bool CheckText(string where, string text, int max, PersonalIdentifierCheck identifiers, List<string> problems)
    {
        if (AuditPlanReader.TextProblem(text, max, identifiers) is not { } problem)
        {
            return true;
        }

        problems.Add($"{where}: {(problem.EndsWith('.') ? problem : problem + ".")}");
        return false;
    }
}

/// <summary>The plan read from the form, or every problem found in it (and no plan).</summary>
public sealed record AuditFormResult(AuditPlan? Plan, IReadOnlyList<string> Problems);
