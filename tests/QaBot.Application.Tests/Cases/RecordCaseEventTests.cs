using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Cases;
using QaBot.Core.Cases;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;
using QaBot.Testing.Data;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;

namespace QaBot.Application.Tests.Cases;

[Trait("Category", "Fast")]
public sealed class RecordCaseEventTests
{
    private static readonly CaseReference Case = CaseReference.Parse("12345");
    private readonly Council _council = new();
    private readonly InMemoryCaseChainStore _chains = new();
    private readonly RecordCaseEvent _record;

    public RecordCaseEventTests()
    {
        _record = new RecordCaseEvent(
            _chains,
            _council.Tracking,
            _council.Directory,
            ShippedFramework.Catalogue,
            ShippedData.LoadStatutoryRules(),
            Council.Rules,
            NullLogger<RecordCaseEvent>.Instance);
    }

    [Fact]
    public async Task Execute_BecameLookedAfter_GivesTheIroAnItemForTheFirstReviewWithReminders()
    {
        // Looked after Mon 2 Nov 2026: 20 working days is Mon 30 Nov 2026.
        var outcome = await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 2), to: 6);

        Assert.Equal(CaseEventStatus.Applied, outcome.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), outcome.Next!.Due);
        var item = Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        Assert.Equal(("iro-quality-assure-planning", new DateOnly(2026, 11, 30), "cla-review.12345.2026-11-02.1"), (item.Duty.Value, item.Due, item.Id.Value));
        Assert.NotEmpty(item.RemindAt);
        Assert.All(item.RemindAt, at => Assert.True(at > Council.Now));
    }

    [Fact]
    public async Task Execute_ReviewHeld_MarksItsItemDoneOnTheDayAndOpensTheNext()
    {
        await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 2), to: 6);

        var outcome = await RecordAsync(6, CaseEventKind.Held, new DateOnly(2026, 11, 19));

        // Three months after the day it was held: Fri 19 Feb 2027.
        Assert.Equal(new DateOnly(2027, 2, 19), outcome.Next!.Due);
        var first = await _council.Tracking.GetAsync(new ItemKey(TestDirectory.ChesterfieldTeam1, new("cla-review.12345.2026-11-02.1")));
        Assert.Equal((ItemStatus.Done, new DateOnly(2026, 11, 19)), (first!.Status, first.CompletedOn));
        var next = Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        Assert.Equal("cla-review.12345.2026-11-02.2", next.Id.Value);
    }

    [Fact]
    public async Task Execute_SameEventTwice_ChangesNothingTheSecondTime()
    {
        await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 2), to: 6);
        await RecordAsync(6, CaseEventKind.Held, new DateOnly(2026, 11, 19));

        var again = await RecordAsync(6, CaseEventKind.Held, new DateOnly(2026, 11, 19));

        Assert.Equal(CaseEventStatus.Unchanged, again.Status);
        Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
    }

    [Fact]
    public async Task Execute_TransferWithinTheTeam_HandsTheOpenItemOverUnflagged()
    {
        await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 2), to: 6);

        await RecordAsync(6, CaseEventKind.Transferred, new DateOnly(2026, 11, 16), to: 7);

        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        var moved = Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(7)));
        Assert.False(moved.IsFlagged);
        Assert.Equal(TestDirectory.Id(7), (await _chains.GetAsync(Case, "cla-review"))!.Value.Responsible);
    }

    [Fact]
    public async Task Execute_TransferToAnotherTeam_TheNewHoldersTeamKeepsTheDeadline()
    {
        await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 2), to: 6);

        await RecordAsync(6, CaseEventKind.Transferred, new DateOnly(2026, 11, 16), to: 8);

        var moved = Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(8)));
        Assert.Equal((TestDirectory.BolsoverTeam1, new DateOnly(2026, 11, 30)), (moved.Area, moved.Due));
        var old = await _council.Tracking.GetAsync(new ItemKey(TestDirectory.ChesterfieldTeam1, moved.Id));
        Assert.Equal(ItemStatus.NotApplicable, old!.Status);
    }

    [Fact]
    public async Task Execute_CaseClosed_SetsTheItemAsideAsCaseClosed()
    {
        await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 2), to: 6);

        var outcome = await RecordAsync(6, CaseEventKind.Closed, new DateOnly(2026, 11, 18));

        Assert.Null(outcome.Next);
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        var item = await _council.Tracking.GetAsync(new ItemKey(TestDirectory.ChesterfieldTeam1, new("cla-review.12345.2026-11-02.1")));
        Assert.Equal((ItemStatus.NotApplicable, "case-closed"), (item!.Status, item.NotApplicableReason));
    }

    [Fact]
    public async Task Execute_ComplaintExtended_MovesTheItemsDeadline()
    {
        // Received Mon 9 Nov 2026: 10 working days is Mon 23 Nov; extended to Fri 4 Dec (within 20 working days).
        await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 9), to: 6, rule: "complaint-stage-1");

        var outcome = await RecordAsync(6, CaseEventKind.Extended, new DateOnly(2026, 11, 19), rule: "complaint-stage-1", extendedTo: new DateOnly(2026, 12, 4));

        Assert.Equal(new DateOnly(2026, 12, 4), outcome.Next!.Due);
        var item = Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        Assert.Equal(new DateOnly(2026, 12, 4), item.Due);
    }

    [Fact]
    public async Task Execute_SomeoneWhoDoesNotHoldTheCase_IsRefused()
    {
        await RecordAsync(6, CaseEventKind.Started, new DateOnly(2026, 11, 2), to: 6);

        var outcome = await RecordAsync(7, CaseEventKind.Held, new DateOnly(2026, 11, 19));

        Assert.Equal(CaseEventStatus.Refused, outcome.Status);
        Assert.Contains("not yours", outcome.Problem, StringComparison.Ordinal);
        Assert.Empty((await _chains.GetAsync(Case, "cla-review"))!.Value.Held);
    }

    private Task<CaseEventOutcome> RecordAsync(int by, CaseEventKind kind, DateOnly on, int? to = null, string rule = "cla-review", DateOnly? extendedTo = null) =>
        _record.ExecuteAsync(
            new CaseEventRequest(
                Case,
                rule,
                new CaseEvent(kind, on, TestDirectory.Id(by), to is { } n ? TestDirectory.Id(n) : null, extendedTo),
                TestDirectory.Id(by),
                Council.Now,
                Council.Teams),
            CancellationToken.None);
}
