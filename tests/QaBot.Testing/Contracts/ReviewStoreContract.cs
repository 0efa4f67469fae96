using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IReviewStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class ReviewStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    protected abstract IReviewStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public static ReflectiveCaseReview Review(string item, DateOnly heldOn)
    {
        var id = new OccurrenceId(item);
        return new ReflectiveCaseReview(
            id, TestDirectory.ChesterfieldTeam1, TestDirectory.Id(4), TestDirectory.Id(6), CaseReference.Parse("102938"),
            new ReviewParts(true, true, false), null, "Good", "Clear analysis.", "Chronology out of date.", ["Recording", "Voice of the child"],
            [new ReviewAction(1, "Update the chronology", TestDirectory.Id(6), heldOn.AddDays(14), ReviewAction.ItemIdFor(id, 1))],
            heldOn, At);
    }

    private static AuditEntry Audit(ReflectiveCaseReview review) =>
        new(At, Actor.Person(review.Reviewer), "recorded", review.Subject, "review with 1 action", new AuditOrigin("teams", "activity-1"));

    [Fact]
    public async Task AddAsync_ThenGet_ReturnsTheSameReviewAndItsAudit()
    {
        var review = Review("team-manager-reflective-case-review.2026-11.a", new DateOnly(2026, 12, 3));

        Assert.True(await Store.AddAsync(review, Audit(review)));

        var stored = await Store.GetAsync(review.Item);
        Assert.NotNull(stored);
        Assert.Equal(review with { Themes = [], Actions = [] }, stored with { Themes = [], Actions = [] });
        Assert.Equal(review.Themes, stored.Themes);
        Assert.Equal(review.Actions, stored.Actions);
        Assert.Equal(Audit(review), Assert.Single(await Store.GetAuditTrailAsync(review.Item)));
        Assert.Null(await Store.GetAsync(new OccurrenceId("team-manager-reflective-case-review.2026-11.b")));
    }

    [Fact]
    public async Task AddAsync_Twice_KeepsTheFirstAndWritesNoSecondAudit()
    {
        var review = Review("team-manager-reflective-case-review.2026-11.a", new DateOnly(2026, 12, 3));
        await Store.AddAsync(review, Audit(review));

        Assert.False(await Store.AddAsync(review with { Judgement = "Inadequate" }, Audit(review)));

        Assert.Equal("Good", (await Store.GetAsync(review.Item))!.Judgement);
        Assert.Single(await Store.GetAuditTrailAsync(review.Item));
    }

    [Fact]
    public async Task ListAsync_ReturnsReviewsHeldInThePeriodEarliestFirst()
    {
        foreach (var (id, day) in new[] { ("c", 20), ("a", 3), ("b", 10) })
        {
            var review = Review("team-manager-reflective-case-review.2026-11." + id, new DateOnly(2026, 11, day));
            await Store.AddAsync(review, Audit(review));
        }

        var listed = await Store.ListAsync(new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 10));

        Assert.Equal([new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 10)], listed.Select(r => r.HeldOn));
    }
}
