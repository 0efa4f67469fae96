using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Storage;
using QaBot.Core.Scheduling;
using Xunit;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="ISendLedger"/> must do; a derived class supplies a fresh, empty ledger for each test.</summary>
public abstract class SendLedgerContract : IAsyncLifetime
{
    private const string Run = "run-20261120T090000Z";
    private static readonly DateTimeOffset Queued = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    protected abstract ISendLedger Ledger { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static SendRecord Pending(int person, string run = Run) => new(
        new DigestKey(run, Id(person)), SendState.Pending, 0, null, null, null, [new OccurrenceId("occ-1")], false, Queued, Queued);

    [Fact]
    public async Task CreateAsync_ThenGet_ReturnsTheEntryWithItsVersion()
    {
        var created = await Ledger.CreateAsync(Pending(6));

        var stored = await Ledger.GetAsync(Pending(6).Key);

        Assert.True(created.Saved);
        Assert.Equal(created.Version, stored!.Version);
        Assert.Equal((SendState.Pending, Queued, false), (stored.Value.State, stored.Value.CreatedAt, stored.Value.IsFinal));
        Assert.Equal([new OccurrenceId("occ-1")], stored.Value.Items);
        Assert.Null(await Ledger.GetAsync(Pending(7).Key));
    }

    [Fact]
    public async Task CreateAsync_SameDigestTwice_SecondIsAConflict()
    {
        Assert.True((await Ledger.CreateAsync(Pending(6))).Saved);

        Assert.Equal(WriteStatus.Conflict, (await Ledger.CreateAsync(Pending(6) with { State = SendState.Sent })).Status);
        Assert.Equal(SendState.Pending, (await Ledger.GetAsync(Pending(6).Key))!.Value.State);
    }

    [Fact]
    public async Task SaveAsync_AttemptsAndFinalState_AreKeptTogetherAndNumberedInOrder()
    {
        var created = await Ledger.CreateAsync(Pending(6));
        var throttled = Pending(6) with { State = SendState.Retrying, Attempts = 1, LastStatusCode = 429, UpdatedAt = Queued.AddSeconds(1) };
        var second = await Ledger.SaveAsync(throttled, created.Version!, [new SendAttempt(Queued.AddSeconds(1), 429, "op-1", TimeSpan.FromSeconds(3))]);
        var sent = throttled with { State = SendState.Sent, Attempts = 3, LastStatusCode = 201, ActivityId = "1:abc", ConversationId = "a:1", UpdatedAt = Queued.AddSeconds(5) };
        Assert.True((await Ledger.SaveAsync(sent, second.Version!, [new SendAttempt(Queued.AddSeconds(4), 503, null, null), new SendAttempt(Queued.AddSeconds(5), 201, "op-3", null)])).Saved);

        var stored = await Ledger.GetAsync(sent.Key);
        var attempts = await Ledger.GetAttemptsAsync(sent.Key);

        Assert.Equal((SendState.Sent, true, "1:abc", "a:1", 3), (stored!.Value.State, stored.Value.IsFinal, stored.Value.ActivityId, stored.Value.ConversationId, stored.Value.Attempts));
        Assert.Equal([429, 503, 201], attempts.Select(a => a.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(3), attempts[0].RetryAfter);
        Assert.Null(attempts[1].RetryAfter);
        Assert.Equal("op-3", attempts[2].CorrelationId);
        Assert.Equal(Queued.AddSeconds(4), attempts[1].StartedAt);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_IsAConflictAndRecordsNoAttempt()
    {
        var created = await Ledger.CreateAsync(Pending(6));
        Assert.True((await Ledger.SaveAsync(Pending(6) with { State = SendState.Sending }, created.Version!, [])).Saved);

        var stale = await Ledger.SaveAsync(Pending(6) with { State = SendState.Sent, Attempts = 1 }, created.Version!, [new SendAttempt(Queued, 201, null, null)]);

        Assert.Equal(WriteStatus.Conflict, stale.Status);
        Assert.Equal(SendState.Sending, (await Ledger.GetAsync(Pending(6).Key))!.Value.State);
        Assert.Empty(await Ledger.GetAttemptsAsync(Pending(6).Key));
    }

    [Fact]
    public async Task SaveAsync_EntryNeverCreated_IsAConflict()
    {
        var other = await Ledger.CreateAsync(Pending(6));

        Assert.Equal(WriteStatus.Conflict, (await Ledger.SaveAsync(Pending(7) with { State = SendState.Sent }, other.Version!, [])).Status);
        Assert.Null(await Ledger.GetAsync(Pending(7).Key));
    }

    [Fact]
    public async Task SaveAsync_MoreAttemptsThanTheRecordCounts_IsRefused()
    {
        var created = await Ledger.CreateAsync(Pending(6));

        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.SaveAsync(Pending(6) with { Attempts = 1 }, created.Version!, [new SendAttempt(Queued, 503, null, null), new SendAttempt(Queued, 503, null, null)]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Ledger.SaveAsync(Pending(6), string.Empty, []));
    }

    [Fact]
    public async Task InvalidRunId_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.CreateAsync(Pending(6, "run/with/slashes")));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.ListRunAsync("bad run"));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.GetAsync(new DigestKey(string.Empty, Id(6))));
    }

    [Fact]
    public async Task GetManyAsync_SomeWithEntries_ReturnsThoseOfThatRunWithTheVersionAPointReadGives()
    {
        await Ledger.CreateAsync(Pending(6));
        var created = await Ledger.CreateAsync(Pending(7));
        Assert.True((await Ledger.SaveAsync(Pending(7) with { State = SendState.Sent, Attempts = 1, ActivityId = "1:abc" }, created.Version!, [new SendAttempt(Queued, 201, null, null)])).Saved);
        await Ledger.CreateAsync(Pending(8, "another-run"));

        var found = await Ledger.GetManyAsync(Run, [Id(6), Id(7), Id(8), Id(9), Id(6)]);

        Assert.Equal([Id(6), Id(7)], found.Keys.OrderBy(p => p.Value, StringComparer.Ordinal));
        Assert.Equal((SendState.Sent, "1:abc"), (found[Id(7)].Value.State, found[Id(7)].Value.ActivityId));
        Assert.Equal((await Ledger.GetAsync(Pending(6).Key))!.Version, found[Id(6)].Version);
        Assert.Equal((await Ledger.GetAsync(Pending(7).Key))!.Version, found[Id(7)].Version);
        Assert.Equal(Pending(6).Items, found[Id(6)].Value.Items);
        Assert.Empty(await Ledger.GetManyAsync(Run, []));
    }

    [Fact]
    public async Task GetManyAsync_MoreThanOneQueryHolds_ReturnsEveryEntry()
    {
        var people = Enumerable.Range(10, 40).ToList();
        foreach (var person in people.Where(p => p % 3 != 0))
        {
            await Ledger.CreateAsync(Pending(person));
        }

        var found = await Ledger.GetManyAsync(Run, [.. people.Select(Id)]);

        Assert.Equal(people.Where(p => p % 3 != 0).Select(p => Id(p).Value).Order(StringComparer.Ordinal), found.Keys.Select(p => p.Value).Order(StringComparer.Ordinal));
        Assert.All(found, f => Assert.Equal(new DigestKey(Run, f.Key), f.Value.Value.Key));
    }

    [Fact]
    public async Task GetManyAsync_VersionRead_GuardsTheNextWriteAsAPointReadDoes()
    {
        await Ledger.CreateAsync(Pending(6));
        var read = (await Ledger.GetManyAsync(Run, [Id(6)]))[Id(6)];
        Assert.True((await Ledger.SaveAsync(read.Value with { State = SendState.Sending }, read.Version, [])).Saved);

        var second = await Ledger.SaveAsync(read.Value with { State = SendState.Sending }, read.Version, []);

        Assert.Equal(WriteStatus.Conflict, second.Status);
    }

    [Fact]
    public async Task GetManyAsync_InvalidRunId_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.GetManyAsync("run/with/slashes", [Id(6)]));

    [Fact]
    public async Task ListRunAsync_Run_ListsEveryDigestOfThatRunOnly()
    {
        await Ledger.CreateAsync(Pending(7));
        await Ledger.CreateAsync(Pending(6));
        await Ledger.CreateAsync(Pending(8, "another-run"));

        Assert.Equal([Id(6), Id(7)], (await Ledger.ListRunAsync(Run)).Select(r => r.Key.Person));
        Assert.Single(await Ledger.ListRunAsync("another-run"));
        Assert.Empty(await Ledger.ListRunAsync("run-20261121T090000Z"));
        Assert.Empty(await Ledger.GetAttemptsAsync(Pending(6).Key));
    }
}
