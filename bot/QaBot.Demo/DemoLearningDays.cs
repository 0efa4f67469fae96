using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;

namespace QaBot.Demo;

/// <summary>
/// The demo council's practice learning days: one on neglect in the Chesterfield locality five weeks ago, led by the
/// Director of Early Help &amp; Safeguarding, with its reflective case reviews, a focus group and a 'show me, tell me'
/// conversation recorded and the day recorded as held, so the Executive Director's follow-up visit falls due a week after
/// the demo day; and one planned three weeks ahead on children in care in the same locality. So
/// <c>qabot learning-days list</c>, "learning days" in Teams and the Executive Director's tasks show the programme.
/// Deterministic: the same chart and day give the same days.
/// </summary>
public static class DemoLearningDays
{
    public const int FirstReference = 81000;

    public static IReadOnlyList<DemoLearningDay> Create(OrganisationChart chart, CouncilCalendar calendar, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(calendar);
        if (chart.Find(DemoCouncil.KeyPeople.DirectorEarlyHelp) is not { Active: true } director
            || chart.Find(DemoCouncil.KeyPeople.TeamManagerChesterfield) is not { Active: true } manager
            || chart.Areas.Find(manager.HomeArea)?.Parent is not { } locality)
        {
            return [];
        }

        var practitioners = chart.ReportsOf(manager.Id).Where(p => p.Active).OrderBy(p => p.Id.Value, StringComparer.Ordinal).Take(6).ToList();
        if (practitioners.Count < 3)
        {
            return [];
        }

        var service = chart.Areas.PathOf(locality);
        var participants = new[] { manager }.Concat(practitioners).Select(p => p.Upn).ToList();
        var heldOn = calendar.WorkingDayOnOrBefore(asOf.AddDays(-35));
        var plannedOn = calendar.WorkingDayOnOrAfter(asOf.AddDays(21));
        var held = new LearningDayPlan(
            "Neglect and drift in child in need plans", service, heldOn, director.Upn, participants,
            ["Do plans say what must change for the child, by when, and is that reviewed?", "Is drift noticed in supervision and acted on?"]);
        var planned = new LearningDayPlan(
            "Children in care: permanence planning", service, plannedOn, director.Upn, participants,
            ["Is permanence planned for from the second review?", "Do children know why decisions about them were made?"]);
        var on = heldOn.ToDateTime(new TimeOnly(15, 30));
        return
        [
            new DemoLearningDay(held, heldOn.AddDays(-28),
            [
                new("reflective-case-review", "The plan names the neglect clearly; its actions have no timescales and the review slipped twice.", Reference(0), practitioners[0].Upn, on),
                new("reflective-case-review", "A strong chronology shows the pattern over two years; the child's own words are recorded at each visit.", Reference(1), practitioners[1].Upn, on),
                new("reflective-case-review", "Supervision noted drift but the plan was not changed; escalation to the head of service would have helped.", Reference(2), practitioners[2].Upn, on),
                new("focus-group", "Practitioners value reflective supervision but say caseloads leave little time to update chronologies.", null, null, on),
                new("show-me-tell-me", "Workers showed how they use the neglect toolkit with families; not all had been trained in it.", null, manager.Upn, on),
            ], Held: true),
            new DemoLearningDay(planned, asOf.AddDays(-7), [], Held: false),
        ];
    }

    private static string Reference(int n) => (FirstReference + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A demo day: its plan, when the QA team arranged it, the activities recorded on it and whether it is recorded as held.</summary>
public sealed record DemoLearningDay(LearningDayPlan Plan, DateOnly ArrangedOn, IReadOnlyList<DemoActivity> Activities, bool Held);

/// <summary>One activity of a demo day, in the words the CLI takes.</summary>
public sealed record DemoActivity(string Kind, string Summary, string? Case, string? ByUpn, DateTime At);
