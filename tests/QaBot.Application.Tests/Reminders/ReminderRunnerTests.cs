using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using QaBot.Application.Configuration;
using QaBot.Application.Delivery;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Core.Scheduling;
using QaBot.Testing.InMemory;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Reminders;

[Trait("Category", "Fast")]
public sealed class ReminderRunnerTests
{
    private static readonly ScheduleEngine Engine = new(SampleFramework.Catalogue, SampleFramework.Calendar, SchedulePolicy.Default);
    private readonly Council _council = new();
    private readonly InMemorySendLedger _ledger = new();
    private readonly InMemoryDigestOutbox _queue = new();
    private readonly InMemoryReminderRunStore _runs = new();
    private readonly RemindersOptions _options = new();

    private ReminderRunner Runner(IDirectoryStore? directory = null) => new(
        _council.Tracking, directory ?? _council.Directory, Council.Policy, Engine, _ledger, _queue, _runs, _options, _council.Time, NullLogger<ReminderRunner>.Instance);

    private Task<RunOutcome> RunAsync(DateTimeOffset? at = null, IDirectoryStore? directory = null) =>
        Runner(directory).RunAsync(at ?? Council.Now, CancellationToken.None);

    private async Task SetStateAsync(SchedulerState state)
    {
        var (_, version) = await _runs.GetStateAsync();
        Assert.True((await _runs.SaveStateAsync(state, version)).Saved);
    }

    [Fact]
    public async Task RunAsync_FirstRunEver_CoversTheLookbackQueuesTheDueDigestAndMovesCoveredOn()
    {
        _council.Add("occ-due", 6, Council.Today);

        var outcome = await RunAsync();

        Assert.Equal(RunOutcomeKind.Completed, outcome.Kind);
        var run = Assert.Single(outcome.Runs);
        Assert.Equal(("run-20261120T100000Z", Council.Now.AddDays(-1), Council.Now, RunState.Queued, false), (run.RunId, run.From, run.To, run.State, run.CatchUpTruncated));
        Assert.Equal(Council.Now, run.FinishedAt);
        var message = Assert.Single(_queue.Enqueued, m => m.Person == Id(6));
        Assert.Equal(("run-20261120T100000Z", Council.Today), (message.RunId, message.AsOf));
        Assert.Equal(SendState.Pending, (await _ledger.GetAsync(message.Key))!.Value.State);
        Assert.Equal(run.Digests, _queue.Enqueued.Count);
        var (state, _) = await _runs.GetStateAsync();
        Assert.Equal((Council.Now, run.RunId, Council.Now, Council.Today, (string?)null), (state.CoveredUpTo, state.LastSuccessfulRunId, state.LastSuccessfulAt, state.MaterialisedOn, state.CurrentRunId));
        Assert.Equal(run, await _runs.GetRunAsync(run.RunId));
    }

    [Fact]
    public async Task RunAsync_TwoDigestsToAMessage_QueuesEachPersonOnceInMessagesOfTwo()
    {
        _options.DigestsPerMessage = 2;
        _council.Add("occ-6", 6, Council.Today);
        _council.Add("occ-7", 7, Council.Today);
        _council.Add("occ-8", 8, Council.Today);

        var run = Assert.Single((await RunAsync()).Runs);

        Assert.InRange(run.Digests, 3, 100);
        Assert.Equal((run.Digests + 1) / 2, _queue.EnqueuedMessages.Count);
        Assert.All(_queue.EnqueuedMessages, m => Assert.InRange(m.People.Count, 1, 2));
        Assert.Equal(run.Digests, _queue.Enqueued.Select(m => m.Person).Distinct().Count());
        Assert.Subset(_queue.Enqueued.Select(m => m.Person).ToHashSet(), new HashSet<PersonId> { Id(6), Id(7), Id(8) });
    }

    [Fact]
    public async Task RunAsync_AgainAtTheSameMoment_FindsNothingNew()
    {
        await RunAsync();
        var queued = _queue.Enqueued.Count;

        var outcome = await RunAsync();

        Assert.Equal(RunOutcomeKind.NothingNew, outcome.Kind);
        Assert.Empty(outcome.Runs);
        Assert.Equal(0, outcome.Digests);
        Assert.Equal(queued, _queue.Enqueued.Count);
    }

    [Fact]
    public async Task RunAsync_SameDayAgain_DoesNotCreateObligationsTwice()
    {
        var first = await RunAsync();
        var second = await RunAsync(Council.Now.AddMinutes(15));

        Assert.Equal(RunOutcomeKind.Completed, second.Kind);
        Assert.Equal(0, Assert.Single(second.Runs).ItemsCreated);
        Assert.Equal(Council.Now, second.Runs[0].From);
        Assert.True(first.Runs[0].ItemsCreated >= 0);
    }

    [Fact]
    public async Task RunAsync_AnotherRunHoldsTheLease_StopsAsBusy()
    {
        var other = new ReminderRun("run-other", Council.Now.AddMinutes(-15), Council.Now, RunState.Planning, Council.Now, null, Council.Now.AddMinutes(5), 0, 0, false, null);
        await _runs.SaveRunAsync(other);
        await SetStateAsync(SchedulerState.Initial with { CurrentRunId = other.RunId });

        var outcome = await RunAsync();

        Assert.Equal(RunOutcomeKind.Busy, outcome.Kind);
        Assert.Empty(_queue.Enqueued);
        Assert.Equal(RunState.Planning, (await _runs.GetRunAsync("run-other"))!.State);
    }

    [Fact]
    public async Task RunAsync_RunThatDiedPartWay_IsResumedUnderItsIdThenANewRunCoversTheRest()
    {
        _council.Add("occ-due", 6, Council.Today);
        var died = new ReminderRun("run-20261120T091500Z", Council.Now.AddMinutes(-60), Council.Now.AddMinutes(-45), RunState.Failed, Council.Now.AddMinutes(-45), Council.Now.AddMinutes(-44), Council.Now.AddMinutes(-35), 0, 0, false, "Storage did not answer in time.");
        await _runs.SaveRunAsync(died);
        await SetStateAsync(new SchedulerState(Council.Now.AddMinutes(-60), "run-before", Council.Now.AddMinutes(-60), Council.Today, died.RunId));

        var outcome = await RunAsync();

        Assert.Equal(RunOutcomeKind.Completed, outcome.Kind);
        Assert.Equal(["run-20261120T091500Z", "run-20261120T100000Z"], outcome.Runs.Select(r => r.RunId));
        var resumed = outcome.Runs[0];
        Assert.Equal((RunState.Queued, (string?)null, died.From, died.To), (resumed.State, resumed.Problem, resumed.From, resumed.To));
        Assert.Equal(died.To, outcome.Runs[1].From);
        var (state, _) = await _runs.GetStateAsync();
        Assert.Equal((Council.Now, "run-20261120T100000Z"), (state.CoveredUpTo, state.LastSuccessfulRunId));
    }

    [Fact]
    public async Task RunAsync_AfterLongDowntime_CatchesUpOnlyTheLongestStretchAllowed()
    {
        await SetStateAsync(SchedulerState.Initial with { CoveredUpTo = Council.Now.AddDays(-30), MaterialisedOn = Council.Today.AddDays(-30) });

        var outcome = await RunAsync();

        var run = Assert.Single(outcome.Runs);
        Assert.Equal((Council.Now - _options.MaxCatchUp, true), (run.From, run.CatchUpTruncated));
    }

    [Fact]
    public async Task RunAsync_PersonAlreadySentByADeadRunWithTheSameId_IsNotQueuedAgain()
    {
        _council.Add("occ-6", 6, Council.Today);
        _council.Add("occ-7", 7, Council.Today);
        var runId = ReminderRunner.RunIdFor(Council.Now);
        await _ledger.CreateAsync(new SendRecord(new LedgerKey(runId, 6).Key, SendState.Sent, 1, 201, "1:x", "a:6", [], false, Council.Now, Council.Now));
        await _ledger.CreateAsync(new SendRecord(new LedgerKey(runId, 7).Key, SendState.Pending, 0, null, null, null, [], false, Council.Now, Council.Now));

        await RunAsync();

        Assert.DoesNotContain(_queue.Enqueued, m => m.Person == Id(6));
        Assert.Contains(_queue.Enqueued, m => m.Person == Id(7));
    }

    [Fact]
    public async Task RunAsync_StorageTimesOut_RecordsTheRunFailedInOperatorsWordsAndRethrows()
    {
        var directory = new Mock<IDirectoryStore>();
        directory.Setup(d => d.GetSnapshotAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("secret detail"));

        await Assert.ThrowsAsync<TimeoutException>(() => RunAsync(directory: directory.Object));

        var run = Assert.Single(_runs.Runs);
        Assert.Equal((RunState.Failed, "Storage did not answer in time."), (run.State, run.Problem));
        var (state, _) = await _runs.GetStateAsync();
        Assert.Equal((run.RunId, (DateTimeOffset?)null), (state.CurrentRunId, state.CoveredUpTo));
    }

    [Fact]
    public async Task RunAsync_OtherFailure_NamesOnlyTheKindOfError()
    {
        var directory = new Mock<IDirectoryStore>();
        directory.Setup(d => d.GetSnapshotAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("person@council.example"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(directory: directory.Object));

        Assert.Equal("InvalidOperationException during the run (see the logs, event 6005).", Assert.Single(_runs.Runs).Problem);
    }

    [Fact]
    public async Task RunAsync_FailedRunThenAHealthyOne_ResumesTheFailedRun()
    {
        var directory = new Mock<IDirectoryStore>();
        directory.Setup(d => d.GetSnapshotAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());
        await Assert.ThrowsAsync<TimeoutException>(() => RunAsync(directory: directory.Object));

        var outcome = await RunAsync();

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(("run-20261120T100000Z", RunState.Queued, (string?)null), (run.RunId, run.State, run.Problem));
    }

    [Fact]
    public async Task RunAsync_TeamManagerLeft_TheTeamsSupervisionGoesToTheHeadOfServiceFlagged()
    {
        // Person 4, manager of people 6 and 7, left on Tue 10 Nov 2026 and the post is vacant. Their own items, created
        // six weeks ahead (to Sun 20 Dec), went to their manager when they left. What falls due after that is the head
        // of service's (person 3): December's supervision, due Thu 31 Dec 2026 (December's last working day), and the
        // My Plan/PDR for the half year ending in December.
        _council.Save(Council.Person(4) with { Active = false, LeftOn = new DateOnly(2026, 11, 10) });
        var shipped = new ScheduleEngine(ShippedFramework.Catalogue, ShippedFramework.Calendar, SchedulePolicy.Default);
        var runner = new ReminderRunner(_council.Tracking, _council.Directory, Council.Policy, shipped, _ledger, _queue, _runs, _options, _council.Time, NullLogger<ReminderRunner>.Instance);

        await runner.RunAsync(Council.Now, CancellationToken.None);

        var held = (await _council.Tracking.GetOpenItemsAsync(Council.Person(3))).Where(i => i.ReassignedFrom == Id(4)).OrderBy(i => i.Concerns!.Value.Value, StringComparer.Ordinal).ThenBy(i => i.Duty.Value, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("manager-my-plan-pdr", Id(6)), ("manager-supervision", Id(6)), ("manager-my-plan-pdr", Id(7)), ("manager-supervision", Id(7))],
            held.Select(i => (i.Duty.Value, i.Concerns!.Value)));
        Assert.All(held, i => Assert.Equal(new DateOnly(2026, 12, 31), i.Due));
        Assert.All(held, i => Assert.True(i.IsFlagged));
        Assert.All(held, i => Assert.Equal(SocialCare, i.Area));
        Assert.Equal("manager-supervision.2026-12." + Id(4) + "." + Id(6), held[1].Id.Value);
    }

    [Fact]
    public async Task RunAsync_TeamManagerLeftWhileTheManagerAboveIsAway_TheItemsAreStillTheManagerAbovesForTheCoverToHold()
    {
        // As above, with the head of service (person 3) on leave and person 2 covering: the vacant post's items are still
        // person 3's, in their area, so a run after their return finds them already made rather than making them again.
        _council.Save(Council.Person(4) with { Active = false, LeftOn = new DateOnly(2026, 11, 10) });
        await _council.Directory.AddAbsenceAsync(
            new Absence(Id(3), new DateOnly(2026, 11, 16), new DateOnly(2026, 12, 4), Id(2), Actor.System("test"), Council.Now),
            new AuditEntry(Council.Now, Actor.System("test"), "leave-recorded", "person:" + Id(3), "test", Council.Teams));
        var shipped = new ScheduleEngine(ShippedFramework.Catalogue, ShippedFramework.Calendar, SchedulePolicy.Default);
        var runner = new ReminderRunner(_council.Tracking, _council.Directory, Council.Policy, shipped, _ledger, _queue, _runs, _options, _council.Time, NullLogger<ReminderRunner>.Instance);

        await runner.RunAsync(Council.Now, CancellationToken.None);

        var held = (await _council.Tracking.GetOpenItemsAsync(Council.Person(3))).Where(i => i.ReassignedFrom == Id(4)).ToList();
        Assert.Equal(4, held.Count);
        Assert.All(held, i => Assert.Equal((Id(3), SocialCare), (i.Owner, i.Area)));
        Assert.DoesNotContain(await _council.Tracking.GetOpenItemsAsync(Council.Person(2)), i => i.ReassignedFrom == Id(4));
    }

    [Fact]
    public void RunIdFor_LocalOffset_UsesUniversalTime()
    {
        Assert.Equal("run-20260701T080000Z", ReminderRunner.RunIdFor(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(1))));
    }

    private readonly record struct LedgerKey(string RunId, int Person)
    {
        public DigestKey Key => new(RunId, Id(Person));
    }
}
