using QaBot.Core.Cases;
using QaBot.Core.Framework;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Assurance;

/// <summary>
/// Reads the file the QA team writes to arrange a practice learning day (<c>qabot learning-days create FILE</c>;
/// docs/quality-assurance.md): <c>title</c>, <c>service</c> (the area's name or path), <c>date</c>, <c>lead</c> (a UPN),
/// <c>participants</c> (UPNs) and <c>linesOfEnquiry</c>. The file is checked whole: every problem is returned with its
/// line and field, and a file with any problem gives no plan.
/// </summary>
public static class LearningDayPlanReader
{
    public static LearningDayPlanResult Read(string yaml, string fileName, CaseReferencePattern cases)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(cases);
        var problems = new CatalogueProblems(fileName);
        if (problems.ParseMapping(yaml, "the file must be a mapping with title, service, date, lead, participants and linesOfEnquiry (see docs/quality-assurance.md)") is not { } root)
        {
            return new(null, problems.Sorted());
        }

        var identifiers = new PersonalIdentifierCheck(cases);
        var fields = new YamlFields(root, string.Empty, problems, "title", "service", "date", "lead", "participants", "linesOfEnquiry");
        var title = fields.RequiredText("title", "name the day, for example 'Neglect in early help'");
        if (title is not null && AuditPlanReader.CheckText(fields, fields.At("title"), "title", title, LearningDay.MaxTitleLength, identifiers)
            && !title.Any(char.IsAsciiLetterOrDigit))
        {
            fields.Error("title", "give the day a title with letters or digits in it: its id is made from them");
        }

        var service = fields.RequiredText("service", "the service the day looks at: its area's name or path as in the directory, for example 'Locality North'");
        var date = AuditPlanReader.ReadDay(fields, "date", "give the day it is held, yyyy-MM-dd");
        var lead = AuditPlanReader.Upn(fields, "lead", fields.RequiredText("lead", "the senior leader leading the day: their UPN, for example sam.jones@council.gov.uk"));
        var participants = ReadParticipants(fields, problems);
        var lines = AuditPlanReader.ReadLinesOfEnquiry(fields, problems, identifiers, "list the key lines of enquiry the day explores");
        return problems.Count == 0
            ? new(new LearningDayPlan(title!.Trim(), service!.Trim(), date!.Value, lead!, participants, lines), [])
            : new(null, problems.Sorted());
    }

    private static List<string> ReadParticipants(YamlFields fields, CatalogueProblems problems)
    {
        var upns = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var entries = AuditPlanReader.Entries(fields, "participants", "list the UPNs of the practitioners and managers taking part", LearningDay.MaxParticipants, "participants");
        for (var i = 0; i < entries.Count; i++)
        {
            var node = entries[i];
            var path = $"participants[{i}]";
            if (node is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
            {
                problems.Add(node, path, string.Empty, "a participant is their UPN, for example sam.jones@council.gov.uk");
                continue;
            }

            var upn = text.Trim();
            var line = (int)Math.Max(1, node.Start.Line);
            if (!Meetings.Schedules.MeetingScheduleLoader.LooksLikeMailbox(upn))
            {
                problems.Add(node, path, string.Empty, $"'{upn}' is not a UPN: give the person's sign-in, for example sam.jones@council.gov.uk");
            }
            else if (!seen.TryAdd(upn, line))
            {
                problems.Add(node, path, string.Empty, $"{upn} is listed twice (first at line {seen[upn]}): list each participant once");
            }
            else
            {
                upns.Add(upn);
            }
        }

        return upns;
    }
}

/// <summary>The plan read from a learning day file, or every problem found in it (and no plan).</summary>
public sealed record LearningDayPlanResult(LearningDayPlan? Plan, IReadOnlyList<CatalogueError> Errors);
