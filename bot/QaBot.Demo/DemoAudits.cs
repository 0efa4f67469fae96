using System.Globalization;
using QaBot.Core.Assurance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Demo;

/// <summary>
/// Two audits as a QA team would have them: a thematic audit of neglect, recorded, moderated (one judgement changed)
/// and closed three months ago; and a multi-agency audit of children missing from home or care, due in three weeks,
/// half its cases recorded and one moderated, the rest open items of their auditors (one the playground's team
/// manager). So <c>qabot audits list</c>, "audits in progress" and a team manager's tasks show a programme under way.
/// Deterministic: the same chart and day give the same audits.
/// </summary>
public static class DemoAudits
{
    public const int FirstReference = 80000;

    private static readonly string[] Judgements = ["Good", "Good", "Requires improvement", "Good", "Outstanding", "Requires improvement"];

    private static readonly string[] Findings =
    [
        "Cumulative harm is named in the assessment and the plan responds to it.",
        "The chronology shows the pattern of neglect over time.",
        "Partners' information is gathered and weighed in decisions.",
        "Visits see the child alone and record what they said.",
    ];

    private static readonly string[] Gaps =
    [
        "The plan does not say what will change for the child by when.",
        "Health information was not sought before the strategy discussion.",
        "The return home interview is not on file.",
    ];

    public static IReadOnlyList<DemoAudit> Create(OrganisationChart chart, ScheduleEngine engine, IReadOnlyList<string> themes, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(themes);
        var auditors = chart.ActivePeople.Where(p => p.JobTitle is "Quality Assurance Officer" or "Practice Auditor")
            .OrderBy(p => p.Id.Value, StringComparer.Ordinal).Take(3).ToList();
        if (chart.Find(DemoCouncil.KeyPeople.TeamManagerChesterfield) is { Active: true } teamManager)
        {
            auditors.Add(teamManager);
        }

        var practitioners = chart.ActivePeople
            .Where(p => p.LineManager is { } m && chart.Find(m) is { } manager && manager.HoldsRole(new RoleId("team-manager"), asOf) && !chart.ReportsOf(p.Id).Any())
            .Where(p => p.LineManager != DemoCouncil.KeyPeople.TeamManagerChesterfield)
            .OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToList();
        if (auditors.Count < 2 || practitioners.Count < 12)
        {
            return [];
        }

        var qaLead = chart.ActivePeople.FirstOrDefault(p => p.HoldsRole(new RoleId("head-of-performance-quality-participation"), asOf));
        var by = qaLead is null ? Actor.System("demo") : Actor.Person(qaLead.Id);
        var closedDue = engine.Calendar.WorkingDayOnOrBefore(new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-3).AddDays(-1));
        var openDue = engine.Calendar.WorkingDayOnOrAfter(asOf.AddDays(21));
        return
        [
            Build(engine, themes, asOf, by, "Neglect and cumulative harm", AuditKind.Thematic,
                ["Is the impact of neglect over time on the child understood and recorded?", "Does the plan say what must change, by when, and is it reviewed?"],
                closedDue, auditors, practitioners.Take(6).ToList(), FirstReference, recorded: 6, moderated: 6, closed: true),
            Build(engine, themes, asOf, by, "Children missing from home or care", AuditKind.MultiAgency,
                ["Was a return home interview offered and its learning used?", "Do police, health and education share what they know about risk outside the home?"],
                openDue, auditors, practitioners.Skip(6).Take(6).ToList(), FirstReference + 6, recorded: 3, moderated: 1, closed: false),
        ];
    }

    private static DemoAudit Build(
        ScheduleEngine engine, IReadOnlyList<string> themes, DateOnly asOf, Actor by, string title, AuditKind kind, IReadOnlyList<string> lines, DateOnly due,
        List<Person> auditors, List<Person> practitioners, int firstReference, int recorded, int moderated, bool closed)
    {
        var id = CaseAudit.IdFor(title, due);
        var arranged = engine.Calendar.WorkingDayOnOrBefore(due.AddDays(-35));
        var arrangedAt = engine.Calendar.ToInstant(arranged, new TimeOnly(10, 0));
        var cases = new List<AuditedCase>();
        var records = new List<ReflectiveCaseReview>();
        var items = new List<NewItem>();
        var duty = new DutyId(CaseAudit.DutyId);
        var described = new CaseAudit(id, title, kind, lines, due, [], by, arrangedAt);
        for (var n = 1; n <= practitioners.Count; n++)
        {
            // The playground's team manager audits the open audit's last case, so it is among their tasks.
            var auditor = !closed && n == practitioners.Count ? auditors[^1] : auditors[(n - 1) % Math.Max(1, auditors.Count - 1)];
            var practitioner = practitioners[n - 1];
            var reference = CaseReference.Parse((firstReference + n - 1).ToString(CultureInfo.InvariantCulture));
            var audited = new AuditedCase(n, reference, auditor.Id, practitioner.Id, CaseAudit.ItemIdFor(id, n, reference));
            var occurrence = new Occurrence(audited.Item, duty, auditor.Id, due, arranged, due, engine.Rules.RemindersAfter(due, duty, arrangedAt), practitioner.Id, Provisional: false);
            var item = TrackedItem.FromOccurrence(occurrence, auditor.HomeArea, arrangedAt, by);
            item = item with { Note = described.ItemNote(audited) };
            if (n > recorded)
            {
                cases.Add(audited);
                items.Add(NewItem.Of(item));
                continue;
            }

            var heldOn = engine.Calendar.WorkingDayOnOrBefore(arranged.AddDays(7 + (n * 3)));
            var judgement = Judgements[(n - 1) % Judgements.Length];
            var record = new ReflectiveCaseReview(
                audited.Item, auditor.HomeArea, auditor.Id, practitioner.Id, reference, new ReviewParts(true, true, n % 2 == 0),
                n % 2 == 0 ? "The young person said they know who to call when they go missing." : null,
                judgement, Findings[(n - 1) % Findings.Length], Gaps[(n - 1) % Gaps.Length],
                [themes[(n - 1) % themes.Count], themes[(n + 2) % themes.Count]], [], heldOn, engine.Calendar.ToInstant(heldOn, new TimeOnly(15, 0)));
            records.Add(record);
            var reply = new ItemReply($"demo-{audited.Item.Value}", audited.Item, ReplyKind.Done, auditor.Id, record.RecordedAt, heldOn,
                $"Reflective case review recorded: case {reference}, 0 actions.", new AuditOrigin("teams", "demo"), null);
            items.Add(ItemTransitions.Reply(item, reply, null) is { } change ? new NewItem(item, [change]) : NewItem.Of(item));
            var moderatedAt = engine.Calendar.ToInstant(engine.Calendar.WorkingDayOnOrAfter(heldOn.AddDays(5)), new TimeOnly(11, 0));
            var changed = n == 3;
            cases.Add(n > moderated ? audited : audited with
            {
                Moderation = changed
                    ? new AuditModeration(false, "Inadequate", "Drift in the plan for over six months with no management oversight recorded.", by, moderatedAt)
                    : new AuditModeration(true, judgement, null, by, moderatedAt),
            });
        }

        var closure = closed ? new AuditClosure(by, engine.Calendar.ToInstant(engine.Calendar.WorkingDayOnOrAfter(due.AddDays(7)), new TimeOnly(12, 0))) : null;
        return new DemoAudit(new CaseAudit(id, title, kind, lines, due, cases, by, arrangedAt, closure), records, items);
    }
}

/// <summary>A demo audit with its auditors' records and items.</summary>
public sealed record DemoAudit(CaseAudit Audit, IReadOnlyList<ReflectiveCaseReview> Records, IReadOnlyList<NewItem> Items);
