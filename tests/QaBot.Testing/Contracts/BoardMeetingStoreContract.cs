using QaBot.Application.Meetings;
using QaBot.Application.Storage;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IBoardMeetingStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class BoardMeetingStoreContract : IAsyncLifetime
{
    protected abstract IBoardMeetingStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static BoardMeetingRecord Planned(string body, string key) => new(
        new BodyId(body), key, "qa-boards@council.example", "txn-" + body + "-" + key, null, BoardMeetingState.Planned,
        ["a@council.example", "b@council.example"], "hash-1", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SaveAsync_CreateThenRecordEventId_KeepsTheEventIdAndRefusesStaleWrites()
    {
        var created = await Store.SaveAsync(Planned("qa-transformation-board", "series"), null);
        var withEvent = Planned("qa-transformation-board", "series") with { GraphEventId = "AAMk-1", State = BoardMeetingState.Created };

        var updated = await Store.SaveAsync(withEvent, created.Version);
        Assert.True(updated.Saved);
        Assert.NotEqual(created.Version, updated.Version);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAsync(withEvent with { GraphEventId = "AAMk-2" }, created.Version)).Status);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAsync(Planned("qa-transformation-board", "series"), null)).Status);

        var stored = Assert.Single(await Store.GetForBodyAsync(new BodyId("qa-transformation-board")));
        Assert.Equal(updated.Version, stored.Version);
        Assert.Equal(("AAMk-1", BoardMeetingState.Created, "hash-1"), (stored.Value.GraphEventId, stored.Value.State, stored.Value.Fingerprint));
        Assert.Equal(["a@council.example", "b@council.example"], stored.Value.Attendees);
    }

    [Fact]
    public async Task SaveAsync_UpdateOfARecordNeverCreated_IsAConflict()
    {
        var other = await Store.SaveAsync(Planned("cme", "series"), null);

        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAsync(Planned("cme", "2026-11-04"), other.Version)).Status);
        Assert.Single(await Store.ListAsync());
    }

    [Fact]
    public async Task GetForBodyAsync_BodyWhoseIdStartsLikeAnother_ReturnsOnlyItsOwnInKeyOrder()
    {
        await Store.SaveAsync(Planned("cme", "2026-12-02"), null);
        await Store.SaveAsync(Planned("cme", "2026-11-04"), null);
        await Store.SaveAsync(Planned("cme-line-of-sight", "series"), null);

        Assert.Equal(["2026-11-04", "2026-12-02"], (await Store.GetForBodyAsync(new BodyId("cme"))).Select(r => r.Value.Key));
        Assert.Equal(3, (await Store.ListAsync()).Count);
        Assert.Empty(await Store.GetForBodyAsync(new BodyId("cm")));
    }

    [Fact]
    public async Task SaveAsync_KeyWithCharactersKeysCannotHold_RoundTrips()
    {
        await Store.SaveAsync(Planned("cme", "a/b|c#d?e%f"), null);

        Assert.Equal("a/b|c#d?e%f", Assert.Single(await Store.GetForBodyAsync(new BodyId("cme"))).Value.Key);
    }
}
