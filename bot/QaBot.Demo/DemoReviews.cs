using System.Globalization;
using QaBot.Core.Assurance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Demo;

/// <summary>
/// The reflective case review records behind the demo history's done review items: a practitioner from the reviewer's
/// team, a made-up case reference, the parts held, a judgement (mostly good), two or three themes and up to two actions
/// for the practitioner, most done by now and some still open or overdue. So "themes this quarter" and
/// <c>qabot report reviews</c> show a record that looks like a council's. Deterministic: the same history gives the same reviews.
/// </summary>
public static class DemoReviews
{
    public const int FirstReference = 70000;

    private static readonly string[] Judgements = ["Outstanding", "Good", "Good", "Good", "Good", "Requires improvement", "Requires improvement", "Inadequate"];

    private static readonly string[] Strengths =
    [
        "The child's voice is clear throughout, in their own words.",
        "A thorough chronology that informs the analysis of risk.",
        "Good multi-agency working: school and health are part of the plan.",
        "Direct work is creative and recorded promptly.",
        "Management oversight is recorded at each key decision.",
    ];

    private static readonly (string Development, string Action)[] Developments =
    [
        ("The plan's outcomes are not measurable.", "Rewrite the plan's outcomes so progress can be measured"),
        ("The chronology is out of date.", "Bring the chronology up to date"),
        ("Father's views are not recorded.", "Seek and record father's views"),
        ("Visits are not always within timescales.", "Book the next three visits within timescales"),
        ("The case summary does not reflect the latest assessment.", "Update the case summary"),
    ];

    private static readonly string[] Gists =
    [
        "The young person said their worker listens and explains what happens next.",
        "Mum said meetings are clearer now and she knows who to call.",
        "Carer said visits are regular and the child looks forward to them.",
    ];

    /// <summary>A review for each done review item in <paramref name="history"/>, with the action items it raised.</summary>
    public static IReadOnlyList<(ReflectiveCaseReview Review, IReadOnlyList<NewItem> Actions)> Create(
        OrganisationChart chart, ScheduleEngine engine, IReadOnlyList<NewItem> history, IReadOnlySet<string> reviewDuties, IReadOnlyList<string> themes, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(reviewDuties);
        ArgumentNullException.ThrowIfNull(themes);
        var reviews = new List<(ReflectiveCaseReview, IReadOnlyList<NewItem>)>();
        var number = 0;
        foreach (var done in history.Select(h => h.Current)
            .Where(i => i.Status == ItemStatus.Done && i.CompletedOn is not null && reviewDuties.Contains(i.Duty.Value))
            .OrderBy(i => i.Id.Value, StringComparer.Ordinal))
        {
            var reports = chart.ReportsOf(done.Owner).OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToList();
            if (reports.Count == 0)
            {
                continue;
            }

            var pick = DemoHistory.StableHash(done.Id.Value);
            var practitioner = reports[(int)(pick % (uint)reports.Count)];
            var heldOn = done.CompletedOn!.Value;
            var (development, actionText) = Developments[(int)(pick / 7 % (uint)Developments.Length)];
            var judgement = Judgements[(int)(pick / 3 % (uint)Judgements.Length)];
            var chosen = Enumerable.Range(0, 2 + (int)(pick % 2)).Select(k => themes[(int)((pick / 11) + ((uint)k * 3)) % themes.Count]).Distinct(StringComparer.Ordinal).ToList();
            var actionCount = judgement == "Outstanding" ? 0 : 1 + (int)(pick / 13 % 2);
            var actions = new List<ReviewAction>();
            var items = new List<NewItem>();
            for (var n = 1; n <= actionCount; n++)
            {
                var text = n == 1 ? actionText : "Discuss the learning from this review in supervision";
                var owner = n == 1 ? practitioner : chart.Find(done.Owner)!;
                var due = engine.Calendar.WorkingDayOnOrAfter(heldOn.AddDays(14 * n));
                var action = new ReviewAction(n, text, owner.Id, due, ReviewAction.ItemIdFor(done.Id, n));
                actions.Add(action);
                items.Add(ActionItem(action, owner, heldOn, engine, asOf, pick + (uint)n));
            }

            var feedback = pick % 4 != 0;
            var review = new ReflectiveCaseReview(
                done.Id, done.Area, done.Owner, practitioner.Id,
                CaseReference.Parse((FirstReference + number++).ToString(CultureInfo.InvariantCulture)),
                new ReviewParts(true, true, feedback), feedback ? Gists[(int)(pick / 5 % (uint)Gists.Length)] : null,
                judgement, Strengths[(int)(pick / 17 % (uint)Strengths.Length)], development, chosen, actions,
                heldOn, engine.Calendar.ToInstant(heldOn, new TimeOnly(16, 0)));
            reviews.Add((review, items));
        }

        return reviews;
    }

    /// <summary>An action's item: done in most cases once its date has passed, otherwise still open (and overdue when late).</summary>
    private static NewItem ActionItem(ReviewAction action, Person owner, DateOnly heldOn, ScheduleEngine engine, DateOnly asOf, uint pick)
    {
        var duty = new DutyId(ReviewAction.DutyId);
        var created = engine.Calendar.ToInstant(heldOn, new TimeOnly(16, 0));
        var occurrence = new Occurrence(action.ItemId, duty, owner.Id, action.Due, heldOn, action.Due, engine.Rules.RemindersAfter(action.Due, duty, created), Concerns: null, Provisional: false);
        var item = TrackedItem.FromOccurrence(occurrence, owner.HomeArea, created, Actor.Person(owner.Id)) with { Note = action.Text };
        if (action.Due >= asOf || pick % 5 == 0)
        {
            return NewItem.Of(item);
        }

        var on = action.Due.AddDays(-(int)(pick % 4));
        var reply = new ItemReply($"demo-{action.ItemId.Value}-1", action.ItemId, ReplyKind.Done, owner.Id, engine.Calendar.ToInstant(on, new TimeOnly(15, 0)), on, null, new AuditOrigin("teams", "demo"), null);
        return ItemTransitions.Reply(item, reply, null) is { } change ? new NewItem(item, [change]) : NewItem.Of(item);
    }
}
