using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Organisation;
using QaBot.Infrastructure.Reminders;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Organisation;

namespace QaBot.Functions.Tests;

/// <summary>
/// The sender reads a queue batch's ledger entries and conversations together, before any of its digests is sent.
/// What it read may be out of date by the time a digest's turn comes; the ledger's guarantees must hold all the same:
/// a digest already sent is not sent again, a send left uncertain is made again flagged, and a fresh "sending" mark
/// by another sender is waited for.
/// </summary>
[Trait("Category", "Storage")]
public sealed class BatchDeliveryTests : IAsyncLifetime
{
    private const string Run = "run-20261204T090000Z";
    private static readonly DateOnly AsOf = new(2026, 12, 4);
    private readonly CountingLedger _reads = new();
    private PipelineHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await PipelineHost.StartAsync(configure: s =>
        {
            s.AddSingleton<IDigestSource, OneItemDigests>();
            s.Replace(ServiceDescriptor.Singleton<ISendLedger>(sp => _reads.Over(new TableSendLedger(sp.GetRequiredService<StorageTables>()))));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static PersonId Person(int n) => TestDirectory.Id(n);

    private Task<DrainSummary> DrainAsync() => _host.NewSender(startQuiet: false).RunAsync(continuous: false, null, CancellationToken.None);

    [Fact]
    public async Task Drain_TwentyDigests_ReadsTheirEntriesTogetherAndSendsEachOnce()
    {
        var people = Enumerable.Range(1, 20).Select(Person).ToList();
        foreach (var person in people)
        {
            await _host.SaveConversationAsync(person);
            await _host.QueueDigestAsync(Run, person, AsOf);
        }

        var summary = await DrainAsync();

        Assert.Equal(20, summary.Count(SendState.Sent));
        Assert.Equal(20, _host.Connector.Accepted.Count());
        Assert.Equal(20, _host.Connector.Accepted.Select(r => r.ConversationId).Distinct().Count());
        Assert.Equal(0, _reads.PointReads);
        Assert.InRange(_reads.BatchReads, 1, 20);
    }

    [Fact]
    public async Task Drain_AlreadySentInTheLedger_NotSentAgain()
    {
        await _host.SaveConversationAsync(Person(6));
        await _host.QueueDigestAsync(Run, Person(6), AsOf);
        await SetStateAsync(Person(6), SendState.Sent, TimeProvider.System.GetUtcNow());

        var summary = await DrainAsync();

        var result = Assert.Single(summary.Deliveries);
        Assert.True(result.AlreadyFinal);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task Drain_SameDigestQueuedTwiceInOneBatch_SentOnce()
    {
        await _host.SaveConversationAsync(Person(6));
        await _host.QueueDigestAsync(Run, Person(6), AsOf);
        await _host.Queue.EnqueueAsync(DigestBundle.Of(new DigestMessage(Run, Person(6), AsOf)));

        var summary = await DrainAsync();
        var pointReads = _reads.PointReads;

        // Both copies were read together as pending; the second finds the entry changed since and leaves it, then
        // finds it sent when it comes round again.
        Assert.Single(_host.Connector.Requests);
        Assert.Equal(2, summary.Deliveries.Count);
        Assert.Single(summary.Deliveries, r => r is { State: SendState.Sent, AlreadyFinal: false });
        Assert.Single(summary.Deliveries, r => r is { State: SendState.Sent, AlreadyFinal: true });
        Assert.False((await _host.Ledger.GetAsync(new DigestKey(Run, Person(6))))!.Value.PossibleDuplicate);
        Assert.Equal(0, pointReads);
    }

    [Fact]
    public async Task Drain_LeftSendingLongAgo_SentAgainFlaggedAsAPossibleDuplicate()
    {
        await _host.SaveConversationAsync(Person(7));
        await _host.QueueDigestAsync(Run, Person(7), AsOf);
        await SetStateAsync(Person(7), SendState.Sending, TimeProvider.System.GetUtcNow() - _host.Options.SendingLease - TimeSpan.FromMinutes(1));

        var summary = await DrainAsync();
        var pointReads = _reads.PointReads;

        var result = Assert.Single(summary.Deliveries);
        Assert.Equal(SendState.Sent, result.State);
        Assert.True(result.PossibleDuplicate);
        Assert.True((await _host.Ledger.GetAsync(new DigestKey(Run, Person(7))))!.Value.PossibleDuplicate);
        Assert.Single(_host.Connector.Accepted);
        Assert.Equal(0, pointReads);
    }

    [Fact]
    public async Task Drain_MarkedSendingMomentsAgoByAnotherSender_WaitsAndSendsNothingWhenThatSenderFinishes()
    {
        await _host.SaveConversationAsync(Person(8));
        await _host.QueueDigestAsync(Run, Person(8), AsOf);
        await SetStateAsync(Person(8), SendState.Sending, TimeProvider.System.GetUtcNow());

        var drain = DrainAsync();

        // The message comes round at least twice without a send, then the other sender records its send.
        while (_reads.BatchReads < 2 && !drain.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.Empty(_host.Connector.Requests);
        await SetStateAsync(Person(8), SendState.Sent, TimeProvider.System.GetUtcNow());
        var summary = await drain;

        Assert.True(summary.PutBack >= 1);
        var result = Assert.Single(summary.Deliveries);
        Assert.True(result.AlreadyFinal);
        Assert.False(result.PossibleDuplicate);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task Drain_TwoMessagesOfSixteenDigests_EachSentOnceAndBothMessagesDone()
    {
        var people = Enumerable.Range(1, 32).Select(Person).ToList();
        var now = TimeProvider.System.GetUtcNow();
        foreach (var person in people)
        {
            await _host.SaveConversationAsync(person);
            await _host.Ledger.CreateAsync(new SendRecord(new DigestKey(Run, person), SendState.Pending, 0, null, null, null, [], false, now, now));
        }

        await _host.Queue.EnqueueAsync(new DigestBundle(Run, AsOf, people[..16]));
        await _host.Queue.EnqueueAsync(new DigestBundle(Run, AsOf, people[16..]));

        var summary = await DrainAsync();

        Assert.Equal(32, summary.Count(SendState.Sent));
        Assert.Equal(32, _host.Connector.Accepted.Select(r => r.ConversationId).Distinct().Count());
        Assert.Equal(32, _host.Connector.Requests.Count);
        Assert.Equal((0, 0), (summary.PutBack, summary.Poisoned));
        Assert.Equal(new DigestBacklog(0, 0), await _host.Queue.GetBacklogAsync());
        Assert.Equal(0, _reads.PointReads);
    }

    [Fact]
    public async Task Drain_OneDigestOfAMessageBeingSentElsewhere_TheOtherSentOnceAndTheMessageComesBackUntilBothAreDone()
    {
        await _host.SaveConversationAsync(Person(6));
        await _host.SaveConversationAsync(Person(8));
        var now = TimeProvider.System.GetUtcNow();
        await _host.Ledger.CreateAsync(new SendRecord(new DigestKey(Run, Person(6)), SendState.Pending, 0, null, null, null, [], false, now, now));
        await _host.Ledger.CreateAsync(new SendRecord(new DigestKey(Run, Person(8)), SendState.Pending, 0, null, null, null, [], false, now, now));
        await _host.Queue.EnqueueAsync(new DigestBundle(Run, AsOf, [Person(6), Person(8)]));
        await SetStateAsync(Person(8), SendState.Sending, TimeProvider.System.GetUtcNow());

        var drain = DrainAsync();
        while (_reads.BatchReads < 2 && !drain.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.Single(_host.Connector.Requests);
        await SetStateAsync(Person(8), SendState.Sent, TimeProvider.System.GetUtcNow());
        var summary = await drain;

        Assert.True(summary.PutBack >= 1);
        Assert.Single(_host.Connector.Requests);
        Assert.Equal(SendState.Sent, (await _host.Ledger.GetAsync(new DigestKey(Run, Person(6))))!.Value.State);
        Assert.All(summary.Deliveries.Where(r => r.Key.Person == Person(8)), r => Assert.True(r.AlreadyFinal));
        Assert.Single(summary.Deliveries, r => r is { State: SendState.Sent, AlreadyFinal: false });
        Assert.Equal(new DigestBacklog(0, 0), await _host.Queue.GetBacklogAsync());
    }

    private async Task SetStateAsync(PersonId person, SendState state, DateTimeOffset at)
    {
        var entry = (await _host.Ledger.GetAsync(new DigestKey(Run, person)))!;
        Assert.True((await _host.Ledger.SaveAsync(entry.Value with { State = state, UpdatedAt = at }, entry.Version, [])).Saved);
        _reads.Reset();
    }

    /// <summary>Counts how the sender reads the ledger: one entry at a time, or a batch's together.</summary>
    private sealed class CountingLedger : ISendLedger
    {
        private ISendLedger _inner = null!;
        private int _pointReads;
        private int _batchReads;

        public int PointReads => Volatile.Read(ref _pointReads);

        public int BatchReads => Volatile.Read(ref _batchReads);

        public CountingLedger Over(ISendLedger inner)
        {
            _inner = inner;
            return this;
        }

        public void Reset()
        {
            Interlocked.Exchange(ref _pointReads, 0);
            Interlocked.Exchange(ref _batchReads, 0);
        }

        public Task<Versioned<SendRecord>?> GetAsync(DigestKey key, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _pointReads);
            return _inner.GetAsync(key, cancellationToken);
        }

        public Task<IReadOnlyDictionary<PersonId, Versioned<SendRecord>>> GetManyAsync(string runId, IReadOnlyCollection<PersonId> people, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _batchReads);
            return _inner.GetManyAsync(runId, people, cancellationToken);
        }

        public Task<WriteResult> CreateAsync(SendRecord record, CancellationToken cancellationToken = default) => _inner.CreateAsync(record, cancellationToken);

        public Task<WriteResult> SaveAsync(SendRecord record, string expectedVersion, IReadOnlyList<SendAttempt> attempts, CancellationToken cancellationToken = default) =>
            _inner.SaveAsync(record, expectedVersion, attempts, cancellationToken);

        public Task<IReadOnlyList<SendRecord>> ListRunAsync(string runId, CancellationToken cancellationToken = default) => _inner.ListRunAsync(runId, cancellationToken);

        public Task<IReadOnlyList<SendAttempt>> GetAttemptsAsync(DigestKey key, CancellationToken cancellationToken = default) => _inner.GetAttemptsAsync(key, cancellationToken);
    }
}
