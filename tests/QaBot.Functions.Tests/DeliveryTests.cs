using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Testing.Connector;
using QaBot.Testing.Organisation;

namespace QaBot.Functions.Tests;

/// <summary>One digest through the send ledger, the limiter and the fake Bot Connector.</summary>
[Trait("Category", "Storage")]
public sealed class DeliveryTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private PipelineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PipelineHost.StartAsync(configure: s => s.AddSingleton<IDigestSource, OneItemDigests>());

        // The run the messages belong to, as the timer would have recorded it, so operators' status lists its digests.
        var at = PipelineHost.Utc(2026, 11, 23, 9);
        await _host.Get<IReminderRunStore>().SaveRunAsync(new ReminderRun("run-20261123T090000Z", at.AddMinutes(-15), at, RunState.Queued, at, at, at, 1, 0, false, null));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DigestDelivery Delivery => _host.Get<DigestDelivery>();

    private static DigestMessage Message(int person, string run = "run-20261123T090000Z") => new(run, TestDirectory.Id(person), AsOf);

    [Fact]
    public async Task DeliverAsync_SavedConversation_SendsOnceAndRecordsTheActivityId()
    {
        await _host.SaveConversationAsync(TestDirectory.Id(1));
        var result = await Delivery.DeliverAsync(Message(1), 1, CancellationToken.None);

        Assert.Equal(SendState.Sent, result.State);
        var request = Assert.Single(_host.Connector.Requests);
        Assert.Equal("a:" + TestDirectory.Id(1).Value, request.ConversationId);
        Assert.Equal(Message(1).Key.ToString(), request.DigestId);
        var entry = await _host.Ledger.GetAsync(Message(1).Key);
        Assert.Equal(SendState.Sent, entry!.Value.State);
        Assert.Equal(result.ActivityId, entry.Value.ActivityId);
        Assert.StartsWith("activity-", entry.Value.ActivityId, StringComparison.Ordinal);
        Assert.Single(entry.Value.Items);
    }

    [Fact]
    public async Task DeliverAsync_RedeliveredAfterSent_DoesNotSendAgain()
    {
        await _host.SaveConversationAsync(TestDirectory.Id(1));
        await Delivery.DeliverAsync(Message(1), 1, CancellationToken.None);
        var again = await Delivery.DeliverAsync(Message(1), 2, CancellationToken.None);

        Assert.True(again.AlreadyFinal);
        Assert.Single(_host.Connector.Requests);
    }

    [Fact]
    public async Task DeliverAsync_NoConversation_OpensThePersonalChatThenSends()
    {
        var result = await Delivery.DeliverAsync(Message(2), 1, CancellationToken.None);

        Assert.Equal(SendState.Sent, result.State);
        Assert.Collection(
            _host.Connector.Requests,
            create => Assert.Equal("create:" + TestDirectory.Id(2).Value, create.ConversationId),
            send => Assert.Equal("a:" + TestDirectory.Id(2).Value, send.ConversationId));
        var saved = await _host.Get<QaBot.Application.Conversations.IConversationReferenceStore>().GetAsync(TestDirectory.Id(2));
        Assert.Equal("a:" + TestDirectory.Id(2).Value, saved!.Reference.ConversationId);
        Assert.Equal(2, (await _host.Ledger.GetAttemptsAsync(Message(2).Key)).Count);
    }

    [Fact]
    public async Task DeliverAsync_AppNotInstalled_RecordsNotReachableForOperators()
    {
        _host.Connector.NotInstalled[TestDirectory.Id(3).Value] = true;
        var result = await Delivery.DeliverAsync(Message(3), 1, CancellationToken.None);

        Assert.Equal(SendState.NotReachable, result.State);
        Assert.Single(_host.Connector.Requests);
        var status = await _host.Get<OperatorStatusQuery>().GetAsync(TimeSpan.FromMinutes(15), CancellationToken.None);
        var problem = Assert.Single(status.NotReachable);
        Assert.Equal(TestDirectory.Id(3).Value, problem.Person);
        Assert.Contains("app is not installed", problem.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task DeliverAsync_ConversationGone_MarksItStaleAndDoesNotRetry(int status)
    {
        await _host.SaveConversationAsync(TestDirectory.Id(4));
        _host.Connector.StaleConversations["a:" + TestDirectory.Id(4).Value] = status;

        var first = await Delivery.DeliverAsync(Message(4), 1, CancellationToken.None);
        var nextRun = await Delivery.DeliverAsync(Message(4, "run-20261124T090000Z"), 1, CancellationToken.None);

        Assert.Equal(SendState.Stale, first.State);
        Assert.Equal(SendState.Stale, nextRun.State);
        Assert.Single(_host.Connector.Requests);
        var stored = await _host.Get<QaBot.Application.Conversations.IConversationReferenceStore>().GetAsync(TestDirectory.Id(4));
        Assert.True(stored!.IsStale);
        var operators = await _host.Get<OperatorStatusQuery>().GetAsync(TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.Equal(TestDirectory.Id(4).Value, Assert.Single(operators.StaleConversations).Person);
    }

    /// <summary>The bot's token goes only to allowed Bot Connector hosts (Bot:ServiceUrlHosts); a stored conversation elsewhere is stale.</summary>
    [Fact]
    public async Task DeliverAsync_StoredConversationOnAHostNotAllowed_NothingSentMarkedStaleForOperators()
    {
        var person = TestDirectory.Id(5);
        await _host.Get<QaBot.Application.Conversations.IConversationReferenceStore>().SaveAsync(
            new QaBot.Application.Conversations.ConversationReference(person, "msteams", "https://collector.example/uk/", "a:" + person.Value, "29:" + person.Value, "28:test-bot", "test-tenant"),
            PipelineHost.Utc(2026, 11, 23, 8));

        var result = await Delivery.DeliverAsync(Message(5), 1, CancellationToken.None);

        Assert.Equal(SendState.Stale, result.State);
        Assert.Empty(_host.Connector.Requests);
        var stored = await _host.Get<QaBot.Application.Conversations.IConversationReferenceStore>().GetAsync(person);
        Assert.True(stored!.IsStale);
        Assert.Contains("Bot:ServiceUrlHosts", stored.StaleReason, StringComparison.Ordinal);
        var operators = await _host.Get<OperatorStatusQuery>().GetAsync(TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.Equal(person.Value, Assert.Single(operators.StaleConversations).Person);
    }

    [Fact]
    public async Task DeliverAsync_ServiceUnavailableThenAccepted_RetriesAndKeepsEveryAttempt()
    {
        await _host.SaveConversationAsync(TestDirectory.Id(5));
        var calls = 0;
        _host.Connector.FailWhen(_ => Interlocked.Increment(ref calls) <= 2 ? FakeAnswer.Unavailable : null);

        var result = await Delivery.DeliverAsync(Message(5), 1, CancellationToken.None);

        Assert.Equal(SendState.Sent, result.State);
        Assert.Equal([503, 503, 201], _host.Connector.Requests.Select(r => r.Status));
        Assert.Equal([503, 503, 201], (await _host.Ledger.GetAttemptsAsync(Message(5).Key)).Select(a => a.StatusCode ?? 0));
    }

    [Fact]
    public async Task DeliverAsync_StillFailing_GoesBackOnTheQueueUntilTheLastTryThenFails()
    {
        await _host.SaveConversationAsync(TestDirectory.Id(6));
        _host.Connector.FailWhen(_ => FakeAnswer.Unavailable);

        await Assert.ThrowsAsync<DigestRetryLaterException>(() => Delivery.DeliverAsync(Message(6), 1, CancellationToken.None));
        Assert.Equal(SendState.Retrying, (await _host.Ledger.GetAsync(Message(6).Key))!.Value.State);
        var last = await Delivery.DeliverAsync(Message(6), _host.Options.MaxDequeueCount, CancellationToken.None);

        Assert.Equal(SendState.Failed, last.State);
        Assert.Equal(2 * _host.Options.MaxAttemptsPerDelivery, _host.Connector.Requests.Count);
        var status = await _host.Get<OperatorStatusQuery>().GetAsync(TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.Equal(503, Assert.Single(status.Failures).LastStatusCode);
    }

    [Fact]
    public async Task DeliverAsync_LeftSendingByATryThatStopped_SendsAgainAndReportsAPossibleDuplicate()
    {
        await _host.SaveConversationAsync(TestDirectory.Id(7));
        var key = Message(7).Key;
        var now = TimeProvider.System.GetUtcNow();
        Assert.True((await _host.Ledger.CreateAsync(new SendRecord(key, SendState.Pending, 0, null, null, null, [], false, now, now))).Saved);
        var pending = await _host.Ledger.GetAsync(key);
        Assert.True((await _host.Ledger.SaveAsync(pending!.Value with { State = SendState.Sending, UpdatedAt = now - _host.Options.SendingLease - TimeSpan.FromMinutes(1) }, pending.Version, [])).Saved);

        var result = await Delivery.DeliverAsync(Message(7), 2, CancellationToken.None);

        Assert.Equal(SendState.Sent, result.State);
        Assert.True(result.PossibleDuplicate);
        Assert.True((await _host.Ledger.GetAsync(key))!.Value.PossibleDuplicate);
        var status = await _host.Get<OperatorStatusQuery>().GetAsync(TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.Equal(TestDirectory.Id(7).Value, Assert.Single(status.PossibleDuplicates).Person);
    }

    [Fact]
    public async Task DeliverAsync_ThrottledWithRetryAfter_EverySenderHoldsOffUntilThen()
    {
        await _host.SaveConversationAsync(TestDirectory.Id(8));
        await _host.SaveConversationAsync(TestDirectory.Id(9));
        var throttled = 0;
        _host.Connector.FailWhen(r => r.ConversationId.EndsWith(TestDirectory.Id(8).Value, StringComparison.Ordinal) && Interlocked.Exchange(ref throttled, 1) == 0
            ? FakeAnswer.Throttled(TimeSpan.FromSeconds(1))
            : null);
        await _host.QueueDigestAsync("run-a", TestDirectory.Id(8), AsOf);

        var first = _host.NewSender(startQuiet: false).RunAsync(continuous: false, null, CancellationToken.None);
        while (!_host.Connector.Requests.Any(r => r.Status == 429))
        {
            await Task.Delay(10);
        }

        // A second instance, which never saw the 429, sends to another conversation once the shared marker is
        // written: it must wait for the marker too.
        var marker = _host.Get<IThrottleMarker>();
        while (await marker.GetAsync() is null)
        {
            await Task.Delay(10);
        }

        await _host.QueueDigestAsync("run-b", TestDirectory.Id(9), AsOf);
        var second = _host.NewSender(startQuiet: false).RunAsync(continuous: false, null, CancellationToken.None);
        await Task.WhenAll(first, second);

        var the429 = _host.Connector.Requests.Single(r => r.Status == 429);
        var accepted = _host.Connector.Accepted.ToList();
        Assert.Equal(2, accepted.Count);
        Assert.All(accepted, r => Assert.True(r.At - the429.At >= TimeSpan.FromSeconds(0.95), $"a request came {(r.At - the429.At).TotalMilliseconds} ms after the 429"));
    }
}
