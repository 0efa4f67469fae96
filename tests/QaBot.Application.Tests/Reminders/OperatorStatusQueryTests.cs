using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Installation;
using QaBot.Application.Reminders;
using QaBot.Testing.InMemory;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Reminders;

[Trait("Category", "Fast")]
public sealed class OperatorStatusQueryTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private readonly Council _council = new();
    private readonly InMemoryReminderRunStore _runs = new();
    private readonly InMemorySendLedger _ledger = new();
    private readonly InMemoryDigestOutbox _queue = new();
    private readonly InMemoryThrottleMarker _throttle = new();
    private readonly RemindersOptions _options = new();

    private FakeTimeProvider Time => _council.Time;

    private Task<OperatorStatus> StatusAsync() =>
        new OperatorStatusQuery(_runs, _ledger, _queue, _throttle, _council.Conversations, _options, Time).GetAsync(Interval, CancellationToken.None);

    private static string RunId(DateTimeOffset at) => "run-" + at.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> SucceededAsync(DateTimeOffset at, RunState state = RunState.Queued, string? problem = null, DateTimeOffset? leaseUntil = null)
    {
        var id = RunId(at);
        await _runs.SaveRunAsync(new ReminderRun(id, at.AddMinutes(-15), at, state, at, state == RunState.Planning ? null : at, leaseUntil ?? at.AddMinutes(10), 2, 1, false, problem));
        if (state == RunState.Queued)
        {
            var (current, version) = await _runs.GetStateAsync();
            Assert.True((await _runs.SaveStateAsync(current with { CoveredUpTo = at, LastSuccessfulRunId = id, LastSuccessfulAt = at }, version)).Saved);
        }

        return id;
    }

    private async Task RecordAsync(string runId, int person, SendState state, int? code = null, bool duplicate = false, DateTimeOffset? updated = null)
    {
        var at = updated ?? Time.GetUtcNow();
        await _ledger.CreateAsync(new SendRecord(new DigestKey(runId, Id(person)), state, 1, code, null, null, [], duplicate, at, at));
    }

    [Fact]
    public async Task GetAsync_NoRunEver_WarnsThatTheRunHasNeverFinished()
    {
        var status = await StatusAsync();

        Assert.Equal("warning", status.Health);
        Assert.StartsWith("The reminder run has never finished.", Assert.Single(status.Problems), StringComparison.Ordinal);
        Assert.Null(status.LastSuccessfulRunAt);
        Assert.Null(status.CurrentRun);
        Assert.Empty(status.RecentRuns);
        Assert.Equal(Council.Now, status.CheckedAt);
    }

    [Fact]
    public async Task GetAsync_RecentSuccessfulRunWithEveryDigestSent_IsOk()
    {
        var id = await SucceededAsync(Council.Now.AddMinutes(-10));
        await RecordAsync(id, 6, SendState.Sent, 201);
        await RecordAsync(id, 7, SendState.Sent, 201);

        var status = await StatusAsync();

        Assert.Equal("ok", status.Health);
        Assert.Empty(status.Problems);
        Assert.Equal((id, Council.Now.AddMinutes(-10)), (status.LastSuccessfulRunId, status.LastSuccessfulRunAt));
        var run = Assert.Single(status.RecentRuns);
        Assert.Equal(("Queued", 2, 0), (run.State, run.ByState["Sent"], run.PossibleDuplicates));
    }

    [Fact]
    public async Task GetAsync_LastSuccessLongerAgoThanTwoIntervals_IsFailing()
    {
        await SucceededAsync(Council.Now.AddMinutes(-36));

        var status = await StatusAsync();

        Assert.Equal("failing", status.Health);
        Assert.Equal("The last successful run finished at 2026-11-20 09:24 UTC, more than two schedule intervals ago: the timer is not firing or every run is failing. Check the Functions app is running and look at the latest run's problem.", Assert.Single(status.Problems));
    }

    [Fact]
    public async Task GetAsync_LastSuccessJustWithinTwoIntervalsAndGrace_IsOk()
    {
        await SucceededAsync(Council.Now.AddMinutes(-35));

        Assert.Equal("ok", (await StatusAsync()).Health);
    }

    [Fact]
    public async Task GetAsync_LatestRunFailed_SaysWhyAndThatTheNextRunStartsItAgain()
    {
        await SucceededAsync(Council.Now.AddMinutes(-20));
        var failed = await SucceededAsync(Council.Now.AddMinutes(-5), RunState.Failed, "Storage answered 503.");

        var status = await StatusAsync();

        Assert.Equal("failing", status.Health);
        Assert.Equal($"The latest run ({failed}) failed: Storage answered 503. The next run starts it again; if it keeps failing, check storage access.", Assert.Single(status.Problems));
        Assert.Equal(2, status.RecentRuns.Count);
    }

    [Fact]
    public async Task GetAsync_LatestRunPlanningPastItsLease_SaysItStoppedPartWay()
    {
        await SucceededAsync(Council.Now.AddMinutes(-20));
        var planning = await SucceededAsync(Council.Now.AddMinutes(-12), RunState.Planning, leaseUntil: Council.Now.AddMinutes(-2));
        var (state, version) = await _runs.GetStateAsync();
        await _runs.SaveStateAsync(state with { CurrentRunId = planning }, version);

        var status = await StatusAsync();

        Assert.Equal($"Run {planning} stopped part-way while planning; the next run resumes it.", Assert.Single(status.Problems));
        Assert.Equal(planning, status.CurrentRun!.RunId);
    }

    [Fact]
    public async Task GetAsync_LatestRunStillPlanningWithinItsLease_IsNotAProblem()
    {
        await SucceededAsync(Council.Now.AddMinutes(-20));
        await SucceededAsync(Council.Now.AddMinutes(-1), RunState.Planning, leaseUntil: Council.Now.AddMinutes(9));

        Assert.Equal("ok", (await StatusAsync()).Health);
    }

    [Fact]
    public async Task GetAsync_DigestsInThePoisonQueue_AreListedWithWhatToDo()
    {
        await SucceededAsync(Council.Now.AddMinutes(-5));
        await _queue.CreateIfMissingAsync();
        _queue.GiveUp(DigestBundle.Of(new DigestMessage("run-x", Id(6), Council.Today)).ToJson(), Council.Now);
        _queue.GiveUp("not json", Council.Now);

        var status = await StatusAsync();

        Assert.Equal((2, "failing"), (status.PoisonQueueDepth, status.Health));
        Assert.Equal("2 message(s) are in the poison queue (reminders-poison): their digests failed 5 times with an error, and those not sent have not gone. See the logs for the error (event 6201); once fixed, move them back to reminders, and only those not sent go.", Assert.Single(status.Problems));
        Assert.Equal(["run-x", null], status.PoisonMessages.Select(m => m.RunId));
        Assert.NotNull(status.PoisonMessages[1].Problem);
    }

    [Fact]
    public async Task GetAsync_FailedUnreachableAndDuplicateDigests_AreListedWithTheirMeaning()
    {
        var id = await SucceededAsync(Council.Now.AddMinutes(-5));
        await RecordAsync(id, 4, SendState.Failed, 500);
        await RecordAsync(id, 5, SendState.Failed);
        await RecordAsync(id, 6, SendState.NotReachable, 403);
        await RecordAsync(id, 7, SendState.NotReachable);
        await RecordAsync(id, 8, SendState.Sent, 201, duplicate: true);
        await RecordAsync(id, 9, SendState.Stale, 404);

        var status = await StatusAsync();

        Assert.Equal("warning", status.Health);
        Assert.Equal(
            [
                "2 digest(s) failed in the latest runs (see failures).",
                "2 person(s) could not be reached: the app is not installed for them (see notReachable).",
                "1 digest(s) may have reached the person twice, because a sender stopped between sending and recording it.",
            ],
            status.Problems);
        Assert.Equal(
            ["Teams answered 500 on every try; the digest was given up.", "Teams could not be reached on any try; the digest was given up."],
            status.Failures.Select(f => f.Meaning));
        Assert.Equal(
            [
                "Not reachable: the app is not installed for this person (Teams refused to open the chat).",
                "Not reachable: no chat with the bot yet and the bot's identity (Bot:AppId, Bot:TenantId) is not set, so none can be opened.",
            ],
            status.NotReachable.Select(f => f.Meaning));
        var duplicate = Assert.Single(status.PossibleDuplicates);
        Assert.Equal((Id(8).Value, "Sent but an earlier try may also have arrived"[..4]), (duplicate.Person, duplicate.Meaning[..4]));
        Assert.Equal("Sent, but an earlier try may also have arrived: the person may have this digest twice.", duplicate.Meaning);
        Assert.Equal(1, status.RecentRuns[0].PossibleDuplicates);
        Assert.Equal(1, status.RecentRuns[0].ByState["Stale"]);
    }

    [Fact]
    public async Task GetAsync_DigestNotFinishedForLongerThanASenderCouldTake_IsReportedStuck()
    {
        var id = await SucceededAsync(Council.Now.AddMinutes(-30));
        await RecordAsync(id, 6, SendState.Retrying, 503, updated: Council.Now.AddMinutes(-20));
        await RecordAsync(id, 7, SendState.Pending, updated: Council.Now.AddMinutes(-2));
        await RecordAsync(id, 8, SendState.Sent, 201, updated: Council.Now.AddMinutes(-20));

        var status = await StatusAsync();

        Assert.Equal("1 digest(s) have not moved for a long time while not finished: the sender may be stopped. Check the queue depth and the Functions app.", Assert.Single(status.Problems));
    }

    [Fact]
    public async Task GetAsync_OnlyTheTwoLatestRunsAreReadInDetail()
    {
        var oldest = await SucceededAsync(Council.Now.AddMinutes(-14));
        await SucceededAsync(Council.Now.AddMinutes(-13));
        await SucceededAsync(Council.Now.AddMinutes(-12));
        await RecordAsync(oldest, 6, SendState.Failed, 500);

        var status = await StatusAsync();

        Assert.Equal(3, status.RecentRuns.Count);
        Assert.Empty(status.Failures);
        Assert.Empty(status.RecentRuns[2].ByState);
    }

    [Fact]
    public async Task GetAsync_StaleChats_AreListedNewestFirstWithTheirReason()
    {
        await SucceededAsync(Council.Now.AddMinutes(-5));
        _council.Chat(6);
        _council.Chat(7);
        _council.Chat(8);
        await _council.Conversations.MarkStaleAsync(Id(6), "blocked", Council.Now.AddDays(-2));
        await _council.Conversations.MarkStaleAsync(Id(7), "gone", Council.Now.AddDays(-1));

        var status = await StatusAsync();

        Assert.Equal("2 person(s) have a stale chat with the bot (they blocked or removed it): install the app for them again.", Assert.Single(status.Problems));
        Assert.Equal([(Id(7).Value, "gone"), (Id(6).Value, "blocked")], status.StaleConversations.Select(s => (s.Person, s.Reason)));
    }

    [Fact]
    public async Task GetAsync_StaleTeamChannel_ListedWithAProblemToAddTheAppAgain()
    {
        await SucceededAsync(Council.Now.AddMinutes(-5));
        var channels = new InMemoryTeamChannelStore();
        await channels.SaveAsync(new TeamChannel("19:smt@thread.tacv2", "19:smt@thread.tacv2", "msteams", "https://smba.example/uk/", "28:bot", "tenant"), Council.Now.AddDays(-30));
        await channels.SaveAsync(new TeamChannel("19:qa@thread.tacv2", "19:qa@thread.tacv2", "msteams", "https://smba.example/uk/", "28:bot", "tenant"), Council.Now.AddDays(-30));
        await channels.MarkStaleAsync("19:smt@thread.tacv2", "403 Forbidden", Council.Now.AddDays(-1));

        var status = await new OperatorStatusQuery(_runs, _ledger, _queue, _throttle, _council.Conversations, _options, Time, channels).GetAsync(Interval, CancellationToken.None);

        Assert.Equal("warning", status.Health);
        Assert.Contains("1 team channel(s) can no longer be posted to", Assert.Single(status.Problems), StringComparison.Ordinal);
        Assert.Equal(("19:smt@thread.tacv2", "403 Forbidden"), (Assert.Single(status.StaleChannels).Channel, status.StaleChannels[0].Reason));
    }

    [Fact]
    public async Task GetAsync_TeamsThrottlingNow_SaysUntilWhen()
    {
        await SucceededAsync(Council.Now.AddMinutes(-5));
        await _throttle.ExtendAsync(Council.Now.AddSeconds(30));

        var status = await StatusAsync();

        Assert.Equal("Teams is throttling the bot: senders wait until 10:00:30 UTC.", Assert.Single(status.Problems));
        Assert.Equal(Council.Now.AddSeconds(30), status.ThrottledUntil);
    }

    [Fact]
    public async Task GetAsync_ThrottleMarkerInThePast_IsNotAProblem()
    {
        await SucceededAsync(Council.Now.AddMinutes(-5));
        await _throttle.ExtendAsync(Council.Now.AddSeconds(-1));

        Assert.Empty((await StatusAsync()).Problems);
    }

    [Fact]
    public async Task GetAsync_FailingAndWarningProblems_ListTheFailingOnesFirst()
    {
        var id = await SucceededAsync(Council.Now.AddHours(-2));
        await RecordAsync(id, 6, SendState.Failed, 500);
        await _throttle.ExtendAsync(Council.Now.AddSeconds(30));

        var status = await StatusAsync();

        Assert.Equal("failing", status.Health);
        Assert.StartsWith("The last successful run", status.Problems[0], StringComparison.Ordinal);
        Assert.Equal(3, status.Problems.Count);
    }

    [Fact]
    public async Task GetAsync_StaffWithDutiesNotReached_CountsThemByAreaWithoutNames()
    {
        await SucceededAsync(Time.GetUtcNow().AddMinutes(-5));
        foreach (var n in new[] { 1, 2, 4, 5, 6, 10, 12 })
        {
            _council.Chat(n);
        }

        var installs = new InMemoryAppInstallationStore();
        await installs.SaveAsync(new AppInstallRecord(Id(8), AppInstallStatus.Failed, ConversationFollowUp.None, null, "HTTP 403 Forbidden", 2, Council.Now, null));
        var unreached = new UnreachedPeopleQuery(_council.Directory, _council.Conversations, installs, Council.Catalogue);

        var status = await new OperatorStatusQuery(_runs, _ledger, _queue, _throttle, _council.Conversations, _options, Time, unreached: unreached).GetAsync(Interval, CancellationToken.None);

        Assert.Equal("warning", status.Health);
        Assert.StartsWith("2 member(s) of staff with duties cannot be reached by QaBot", Assert.Single(status.Problems), StringComparison.Ordinal);
        Assert.Equal(
            [
                new UnreachedArea("Children's Services > Early Help & Safeguarding > Children's Social Care North > Locality: Bolsover > Team 1", 0, 0, 1),
                new UnreachedArea("Children's Services > Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1", 1, 0, 0),
            ],
            status.Unreached);
        Assert.Equal(status.Unreached, RedactedOperatorStatus.From(status).Unreached);
    }
}
