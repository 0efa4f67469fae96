using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="ILearningDayStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class LearningDayStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 10, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor QaTeam = Actor.Operator("qa.lead@council.gov.uk");
    private static readonly AuditOrigin Origin = new("cli", "learning-days");

    protected abstract ILearningDayStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// A day in the Chesterfield locality led by person 3 with persons 4, 6 and 7 taking part, arranged by the QA team four
    /// weeks before, with two lines of enquiry and two activities recorded on the day: a reflective case review of a case
    /// undertaken by person 4, and a focus group with neither.
    /// </summary>
    public static LearningDay Day(string title, DateOnly date)
    {
        var on = new DateTimeOffset(date.ToDateTime(new TimeOnly(15, 30)), TimeSpan.Zero);
        return new LearningDay(
            LearningDay.IdFor(title, date), title, TestDirectory.Chesterfield, date, TestDirectory.Id(3),
            [TestDirectory.Id(4), TestDirectory.Id(6), TestDirectory.Id(7)],
            ["Do plans show the child's lived experience?", "Is drift noticed and acted on?"],
            [
                new LearningActivity(1, LearningActivityKind.ReflectiveCaseReview, "Plans were clear; chronologies were not kept up to date.", CaseReference.Parse("1234567"), TestDirectory.Id(4), QaTeam, on),
                new LearningActivity(2, LearningActivityKind.FocusGroup, "Practitioners value reflective supervision but lack time for chronologies.", null, null, QaTeam, on.AddMinutes(30)),
            ],
            QaTeam, new DateTimeOffset(date.AddDays(-28).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
    }

    private static LearningActivity Activity(int number, DateTimeOffset at) =>
        new(number, LearningActivityKind.ShowMeTellMe, "Workers showed how they use the neglect toolkit with families.", null, TestDirectory.Id(6), QaTeam, at);

    private static void AssertSameDay(LearningDay expected, LearningDay? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Participants = [], LinesOfEnquiry = [], Activities = [] }, actual with { Participants = [], LinesOfEnquiry = [], Activities = [] });
        Assert.Equal(expected.Participants, actual.Participants);
        Assert.Equal(expected.LinesOfEnquiry, actual.LinesOfEnquiry);
        Assert.Equal(expected.Activities, actual.Activities);
    }

    [Fact]
    public async Task AddAsync_ThenGet_ReturnsTheSameDayWithItsActivitiesAndItsTrail()
    {
        var day = Day("Neglect in early help", new DateOnly(2026, 11, 18));
        var cancelled = Day("Children in care", new DateOnly(2026, 12, 2)) with
        {
            Activities = [],
            Outcome = new LearningDayOutcome(false, "The lead is on leave.", QaTeam, At.AddDays(40)),
        };

        Assert.True(await Store.AddAsync(day, day.ArrangedEntry(Origin)));
        Assert.True(await Store.AddAsync(cancelled, cancelled.ArrangedEntry(Origin)));

        var stored = await Store.GetAsync(day.Id);
        AssertSameDay(day, stored);
        Assert.Equal(CaseReference.Parse("1234567"), stored!.Activities[0].Case);
        Assert.Null(stored.Activities[1].Case);
        Assert.Null(stored.Activities[1].By);
        Assert.Null(stored.Outcome);
        AssertSameDay(cancelled, await Store.GetAsync(cancelled.Id));
        Assert.Equal(day.ArrangedEntry(Origin), Assert.Single(await Store.GetAuditTrailAsync(day.Id)));
        Assert.Null(await Store.GetAsync("2026-11-18-another-day"));
    }

    [Fact]
    public async Task AddAsync_Twice_KeepsTheFirstAndWritesNoSecondEntry()
    {
        var day = Day("Neglect in early help", new DateOnly(2026, 11, 18));
        await Store.AddAsync(day, day.ArrangedEntry(Origin));

        Assert.False(await Store.AddAsync(day with { Title = "Something else", Activities = [] }, day.ArrangedEntry(Origin)));

        var stored = await Store.GetAsync(day.Id);
        Assert.Equal("Neglect in early help", stored!.Title);
        Assert.Equal(day.Activities, stored.Activities);
        Assert.Single(await Store.GetAuditTrailAsync(day.Id));
    }

    [Fact]
    public async Task ListAsync_GivesEveryDayLatestFirstWithItsActivities()
    {
        var early = Day("Neglect in early help", new DateOnly(2026, 11, 18));
        var late = Day("Missing from home", new DateOnly(2027, 2, 10)) with { Activities = [] };
        var sameDay = Day("Children in care", new DateOnly(2027, 2, 10)) with { Activities = [] };
        foreach (var day in new[] { early, late, sameDay })
        {
            await Store.AddAsync(day, day.ArrangedEntry(Origin));
        }

        var added = Activity(1, new DateTimeOffset(late.Date.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero));
        await Store.AddActivityAsync(late.Id, added, late.ActivityEntry(added, Origin));

        var days = await Store.ListAsync();

        Assert.Equal([sameDay.Id, late.Id, early.Id], days.Select(d => d.Id));
        Assert.Empty(days[0].Activities);
        Assert.Equal([added], days[1].Activities);
        AssertSameDay(early, days[2]);
    }

    [Fact]
    public async Task AddActivityAsync_AppendsWithItsEntry_OnceForANumber_AndNotForAnUnknownDay()
    {
        var day = Day("Neglect in early help", new DateOnly(2026, 11, 18));
        await Store.AddAsync(day, day.ArrangedEntry(Origin));
        var third = Activity(3, At.AddDays(42));

        Assert.True(await Store.AddActivityAsync(day.Id, third, day.ActivityEntry(third, Origin)));
        var rival = third with { Kind = LearningActivityKind.FocusGroup, Summary = "Recorded by someone else at the same time.", At = At.AddDays(43) };
        Assert.False(await Store.AddActivityAsync(day.Id, rival, day.ActivityEntry(rival, Origin)));
        Assert.False(await Store.AddActivityAsync("2026-11-18-no-such-day", third, day.ActivityEntry(third, Origin)));

        var stored = (await Store.GetAsync(day.Id))!;
        Assert.Equal([.. day.Activities, third], stored.Activities);
        Assert.Equal([day.ArrangedEntry(Origin), day.ActivityEntry(third, Origin)], await Store.GetAuditTrailAsync(day.Id));
        Assert.Null(await Store.GetAsync("2026-11-18-no-such-day"));
        Assert.Empty(await Store.GetAuditTrailAsync("2026-11-18-no-such-day"));
    }

    [Fact]
    public async Task SetOutcomeAsync_RecordsTheFirstOutcomeOnly()
    {
        var day = Day("Neglect in early help", new DateOnly(2026, 11, 18));
        await Store.AddAsync(day, day.ArrangedEntry(Origin));
        var held = new LearningDayOutcome(true, null, QaTeam, At.AddDays(43));
        var cancelled = new LearningDayOutcome(false, "The lead is on leave.", QaTeam, At.AddDays(44));

        Assert.True(await Store.SetOutcomeAsync(day.Id, held, day.OutcomeEntry(held, Origin)));
        Assert.False(await Store.SetOutcomeAsync(day.Id, cancelled, day.OutcomeEntry(cancelled, Origin)));
        Assert.False(await Store.SetOutcomeAsync("2026-11-18-no-such-day", held, day.OutcomeEntry(held, Origin)));

        var stored = (await Store.GetAsync(day.Id))!;
        Assert.Equal(held, stored.Outcome);
        Assert.True(stored.IsHeld);
        Assert.Equal(day.Activities, stored.Activities);
        Assert.Equal(["arranged", "held"], (await Store.GetAuditTrailAsync(day.Id)).Select(e => e.Action));
        Assert.Empty(await Store.GetAuditTrailAsync("2026-11-18-no-such-day"));
    }

    [Fact]
    public async Task GetAuditTrailAsync_GivesTheDaysEntriesOldestFirst()
    {
        var day = Day("Neglect in early help", new DateOnly(2026, 11, 18)) with { Activities = [] };
        var other = Day("Children in care", new DateOnly(2026, 12, 2));
        await Store.AddAsync(day, day.ArrangedEntry(Origin));
        await Store.AddAsync(other, other.ArrangedEntry(Origin));
        var first = Activity(1, At.AddDays(42));
        var second = Activity(2, At.AddDays(42).AddHours(2));
        var cancelled = new LearningDayOutcome(false, "Too few could attend.", QaTeam, At.AddDays(43));
        await Store.AddActivityAsync(day.Id, first, day.ActivityEntry(first, Origin));
        await Store.AddActivityAsync(day.Id, second, day.ActivityEntry(second, Origin));
        await Store.SetOutcomeAsync(day.Id, cancelled, day.OutcomeEntry(cancelled, Origin));

        var trail = await Store.GetAuditTrailAsync(day.Id);

        Assert.Equal([day.ArrangedEntry(Origin), day.ActivityEntry(first, Origin), day.ActivityEntry(second, Origin), day.OutcomeEntry(cancelled, Origin)], trail);
        Assert.Equal(cancelled, (await Store.GetAsync(day.Id))!.Outcome);
        Assert.Equal(other.ArrangedEntry(Origin), Assert.Single(await Store.GetAuditTrailAsync(other.Id)));
    }
}
