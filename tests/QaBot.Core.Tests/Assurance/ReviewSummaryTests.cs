using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Core.Tests.Assurance;

[Trait("Category", "Fast")]
public sealed class ReviewSummaryTests
{
    private static readonly AreaId North = AreaId.Root("Dept").Child("North");
    private static readonly AreaId South = AreaId.Root("Dept").Child("South");

    private static ReflectiveCaseReview Review(string id, AreaId area, DateOnly heldOn, string judgement, string[] themes, int actions) => new(
        new OccurrenceId("team-manager-reflective-case-review." + id), area, new PersonId("r-" + id), new PersonId("p-" + id), CaseReference.Parse("10" + id.Length + "00"),
        new ReviewParts(true, true, false), null, judgement, "Strengths", "Development", themes,
        [.. Enumerable.Range(1, actions).Select(n => new ReviewAction(n, "Action " + n, new PersonId("p-" + id), heldOn.AddDays(14), new OccurrenceId($"review-action.{id}.a{n}")))],
        heldOn, new DateTimeOffset(heldOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    [Fact]
    public void Of_CountsJudgementsThemesServicesMonthsAndActions()
    {
        ReflectiveCaseReview[] reviews =
        [
            Review("a", North, new DateOnly(2026, 10, 6), "Good", ["Voice of the child", "Recording"], 2),
            Review("b", North, new DateOnly(2026, 11, 12), "Requires improvement", ["Recording"], 1),
            Review("c", South, new DateOnly(2026, 11, 20), "Good", ["Recording", "Recording"], 0),
            Review("d", South, new DateOnly(2026, 12, 1), "Adequate", [], 1),
        ];
        var states = new Dictionary<string, ReviewActionState>
        {
            ["review-action.a.a1"] = ReviewActionState.Done,
            ["review-action.a.a2"] = ReviewActionState.Overdue,
            ["review-action.b.a1"] = ReviewActionState.Open,
            ["review-action.d.a1"] = ReviewActionState.Closed,
        };

        var summary = ReviewSummary.Of(
            new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 4), ReviewSettings.DefaultJudgements, reviews,
            area => area == North ? "Children in Need North" : "Children in Need South", id => states[id.Value]);

        Assert.Equal(4, summary.Reviews);
        Assert.Equal(
            [new("Outstanding", 0), new("Good", 2), new("Requires improvement", 1), new("Inadequate", 0), new JudgementCount("Adequate", 1)],
            summary.Judgements);
        Assert.Equal([new("Recording", 3), new ThemeCount("Voice of the child", 1)], summary.Themes);
        Assert.Equal(["Children in Need North", "Children in Need South"], summary.Services.Select(s => s.Name));
        Assert.Equal([0, 1, 1, 0, 0], summary.Services[0].Judgements);
        Assert.Equal(("Recording", 3), (summary.Services[0].TopTheme, summary.Services[0].ActionsRaised));
        Assert.Equal(["October 2026", "November 2026", "December 2026"], summary.Months.Select(m => m.Name));
        Assert.Equal([1, 2, 1], summary.Months.Select(m => m.Reviews));
        Assert.Equal(new ReviewActionCounts(Raised: 4, Done: 1, Open: 2, Overdue: 1), summary.Actions);
    }

    [Fact]
    public void Of_NoReviews_AnEmptySummaryOnTheScale()
    {
        var summary = ReviewSummary.Of(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), ["Met", "Not met"], [], _ => "x", _ => ReviewActionState.Open);

        Assert.Equal(0, summary.Reviews);
        Assert.Equal([new("Met", 0), new JudgementCount("Not met", 0)], summary.Judgements);
        Assert.Empty(summary.Themes);
        Assert.Empty(summary.Services);
        Assert.Equal(new ReviewActionCounts(0, 0, 0, 0), summary.Actions);
    }
}
