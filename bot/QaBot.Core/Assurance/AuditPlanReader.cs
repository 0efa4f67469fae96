using System.Globalization;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Assurance;

/// <summary>
/// Reads the file the QA team writes to arrange an audit (<c>qabot audits create FILE</c>; docs/quality-assurance.md):
/// <c>title</c>, <c>kind</c> (thematic or multi-agency), <c>linesOfEnquiry</c>, <c>cases</c> (each a
/// <c>reference</c>, its <c>auditor</c>'s UPN and, if known, the allocated <c>practitioner</c>'s) and <c>due</c>. The file is checked whole: every problem is
/// returned with its line and field, and a file with any problem gives no plan.
/// </summary>
public static class AuditPlanReader
{
    public static readonly IReadOnlyDictionary<string, AuditKind> Kinds = new Dictionary<string, AuditKind>(StringComparer.Ordinal)
    {
        ["thematic"] = AuditKind.Thematic,
        ["multi-agency"] = AuditKind.MultiAgency,
    };

    public static AuditPlanResult Read(string yaml, string fileName, CaseReferencePattern cases)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(cases);
        var problems = new CatalogueProblems(fileName);
        if (problems.ParseMapping(yaml, "the file must be a mapping with title, kind, linesOfEnquiry, cases and due (see docs/quality-assurance.md)") is not { } root)
        {
            return new(null, problems.Sorted());
        }

        var identifiers = new PersonalIdentifierCheck(cases);
        var fields = new YamlFields(root, string.Empty, problems, "title", "kind", "linesOfEnquiry", "cases", "due");
        var title = fields.RequiredText("title", "name the audit, for example 'Neglect and cumulative harm'");
        if (title is not null)
        {
            CheckText(fields, fields.At("title"), "title", title, CaseAudit.MaxTitleLength, identifiers);
        }

        var kind = fields.RequiredChoice("kind", Kinds);
        var lines = ReadLinesOfEnquiry(fields, problems, identifiers);
        var due = ReadDue(fields);
        var sample = ReadCases(fields, problems, cases);
        return problems.Count == 0
            ? new(new AuditPlan(title!, kind!.Value, lines, sample, due!.Value), [])
            : new(null, problems.Sorted());
    }

    /// <summary>The <c>linesOfEnquiry</c> list: 1 to the most allowed sentences, each checked like the title.</summary>
    internal static List<string> ReadLinesOfEnquiry(YamlFields fields, CatalogueProblems problems, PersonalIdentifierCheck identifiers, string hint = "list the key lines of enquiry the auditors answer")
    {
        var lines = new List<string>();
        var entries = Entries(fields, "linesOfEnquiry", hint, CaseAudit.MaxLinesOfEnquiry, "key lines of enquiry");
        for (var i = 0; i < entries.Count; i++)
        {
            var node = entries[i];
            var path = $"linesOfEnquiry[{i}]";
            if (node is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
            {
                problems.Add(node, path, string.Empty, "a line of enquiry is a sentence of text");
                continue;
            }

            if (CheckText(fields, node, path, text.Trim(), CaseAudit.MaxLineOfEnquiryLength, identifiers))
            {
                lines.Add(text.Trim());
            }
        }

        return lines;
    }

    private static DateOnly? ReadDue(YamlFields fields) => ReadDay(fields, "due", "give the day the auditors' records are due, yyyy-MM-dd");

    /// <summary>A required day written yyyy-MM-dd.</summary>
    internal static DateOnly? ReadDay(YamlFields fields, string field, string hint)
    {
        var text = fields.RequiredText(field, hint);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            fields.Error(field, $"'{text}' is not a day in the form yyyy-MM-dd, for example 2027-03-31");
            return null;
        }

        return day;
    }

    private static List<AuditPlanCase> ReadCases(YamlFields fields, CatalogueProblems problems, CaseReferencePattern pattern)
    {
        var sample = new List<AuditPlanCase>();
        var entries = Entries(fields, "cases", "list the sampled cases, each with a reference and an auditor", CaseAudit.MaxCases, "cases");

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var path = $"cases[{i}]";
            if (entries[i] is not YamlMappingNode entry)
            {
                problems.Add(entries[i], path, string.Empty, "each case is a mapping with reference and auditor");
                continue;
            }

            var caseFields = new YamlFields(entry, path, problems, "reference", "auditor", "practitioner");
            var referenceText = caseFields.RequiredText("reference", "the case system's reference");
            var auditor = caseFields.RequiredText("auditor", "the auditor's UPN, for example sam.jones@council.gov.uk");
            var practitioner = caseFields.OptionalText("practitioner");
            CaseReferenceOrNull(caseFields, referenceText, pattern, out var reference);
            auditor = Upn(caseFields, "auditor", auditor);
            var practitionerOk = practitioner is null || Upn(caseFields, "practitioner", practitioner) is not null;

            var line = (int)Math.Max(1, entry.Start.Line);
            if (reference is { } r && !seen.TryAdd(r.Value, line))
            {
                caseFields.Error("reference", $"case {r} is sampled twice (first at line {seen[r.Value]}): sample each case once");
                continue;
            }

            if (reference is { } kept && auditor is not null && practitionerOk)
            {
                sample.Add(new AuditPlanCase(kept, auditor, practitioner, line));
            }
        }

        return sample;
    }

    /// <summary>The entries of a required list of 1 to <paramref name="max"/>; a list of another length is named as a problem.</summary>
    internal static IList<YamlNode> Entries(YamlFields fields, string field, string hint, int max, string what)
    {
        if (fields.RequiredSequence(field, hint) is not { } sequence)
        {
            return [];
        }

        if (sequence.Children.Count == 0 || sequence.Children.Count > max)
        {
            fields.Error(field, $"give from 1 to {max} {what}; this file has {sequence.Children.Count}");
        }

        return sequence.Children;
    }

    internal static string? Upn(YamlFields fields, string field, string? text)
    {
        if (text is null || Meetings.Schedules.MeetingScheduleLoader.LooksLikeMailbox(text))
        {
            return text;
        }

        fields.Error(field, $"'{text}' is not a UPN: give the person's sign-in, for example sam.jones@council.gov.uk");
        return null;
    }

    private static void CaseReferenceOrNull(YamlFields fields, string? text, CaseReferencePattern pattern, out Scheduling.Statutory.CaseReference? reference)
    {
        reference = null;
        if (text is null)
        {
            return;
        }

        if (pattern.TryParse(text, out var parsed, out var problem))
        {
            reference = parsed;
            return;
        }

        fields.Error("reference", $"'{text}': {problem}");
    }

    internal static bool CheckText(YamlFields fields, YamlNode node, string field, string text, int max, PersonalIdentifierCheck identifiers)
    {
        if (TextProblem(text, max, identifiers) is not { } problem)
        {
            return true;
        }

        fields.Error(node, field, problem);
        return false;
    }

    /// <summary>What is wrong with an audit's free text (too long, or holding a personal identifier), the same for the file and the card; null when nothing is.</summary>
    public static string? TextProblem(string text, int max, PersonalIdentifierCheck identifiers) =>
        text.Length > max ? $"is {text.Length} characters; keep it to {max}"
        : identifiers.FindFirst(text)?.Message;
}

/// <summary>The plan read from an audit file, or every problem found in it (and no plan).</summary>
public sealed record AuditPlanResult(AuditPlan? Plan, IReadOnlyList<CatalogueError> Errors);
