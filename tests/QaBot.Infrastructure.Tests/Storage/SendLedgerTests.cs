using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Storage;
using QaBot.Core.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

public sealed class SendLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    private static SendRecord Pending(int person) => new(
        new DigestKey("run-2026-11-20T09:00", Id(person)), SendState.Pending, 0, null, null, null, [new OccurrenceId("occ-1")], false, Queued, Queued);

    [Fact]
    public async Task CreateAsync_SameDigestTwice_SecondIsAConflict()
    {
        Assert.True((await _storage.Ledger.CreateAsync(Pending(6))).Saved);

        Assert.Equal(WriteStatus.Conflict, (await _storage.Ledger.CreateAsync(Pending(6))).Status);
    }

    [Fact]
    public async Task SaveAsync_AttemptsAndFinalState_AreKeptTogether()
    {
        var created = await _storage.Ledger.CreateAsync(Pending(6));
        var throttled = Pending(6) with { State = SendState.Retrying, Attempts = 1, LastStatusCode = 429, UpdatedAt = Queued.AddSeconds(1) };
        var second = await _storage.Ledger.SaveAsync(throttled, created.Version!, [new SendAttempt(Queued.AddSeconds(1), 429, "op-1", TimeSpan.FromSeconds(3))]);
        var sent = throttled with { State = SendState.Sent, Attempts = 3, LastStatusCode = 201, ActivityId = "1:abc", UpdatedAt = Queued.AddSeconds(5) };
        Assert.True((await _storage.Ledger.SaveAsync(sent, second.Version!, [new SendAttempt(Queued.AddSeconds(4), 503, null, null), new SendAttempt(Queued.AddSeconds(5), 201, "op-3", null)])).Saved);

        var stored = await _storage.Ledger.GetAsync(sent.Key);
        var attempts = await _storage.Ledger.GetAttemptsAsync(sent.Key);

        Assert.Equal(SendState.Sent, stored!.Value.State);
        Assert.True(stored.Value.IsFinal);
        Assert.Equal("1:abc", stored.Value.ActivityId);
        Assert.Equal([429, 503, 201], attempts.Select(a => a.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(3), attempts[0].RetryAfter);
        Assert.Equal("op-3", attempts[2].CorrelationId);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_IsAConflictAndRecordsNoAttempt()
    {
        var created = await _storage.Ledger.CreateAsync(Pending(6));
        Assert.True((await _storage.Ledger.SaveAsync(Pending(6) with { State = SendState.Sending }, created.Version!, [])).Saved);

        var stale = await _storage.Ledger.SaveAsync(Pending(6) with { State = SendState.Sent, Attempts = 1 }, created.Version!, [new SendAttempt(Queued, 201, null, null)]);

        Assert.Equal(WriteStatus.Conflict, stale.Status);
        Assert.Equal(SendState.Sending, (await _storage.Ledger.GetAsync(Pending(6).Key))!.Value.State);
        Assert.Empty(await _storage.Ledger.GetAttemptsAsync(Pending(6).Key));
    }

    [Fact]
    public async Task ListRunAsync_Run_ListsEveryDigestOfThatRun()
    {
        await _storage.Ledger.CreateAsync(Pending(6));
        await _storage.Ledger.CreateAsync(Pending(7));
        await _storage.Ledger.CreateAsync(Pending(8) with { Key = new DigestKey("another-run", Id(8)) });

        Assert.Equal(2, (await _storage.Ledger.ListRunAsync("run-2026-11-20T09:00")).Count);
    }
}
