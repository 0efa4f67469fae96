using QaBot.Application.Storage;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;

namespace QaBot.Infrastructure.Tests.Storage;

public sealed class BoardMeetingStoreTests : IAsyncLifetime
{
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    private static BoardMeetingRecord Planned(string body, string key) => new(
        new BodyId(body), key, "qa-boards@council.example", "txn-" + body + "-" + key, null, BoardMeetingState.Planned,
        ["a@council.example", "b@council.example"], "hash-1", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SaveAsync_CreateThenRecordEventId_KeepsTheEventIdAndRefusesStaleWrites()
    {
        var created = await _storage.Meetings.SaveAsync(Planned("qa-transformation-board", "series"), null);
        var withEvent = Planned("qa-transformation-board", "series") with { GraphEventId = "AAMk-1", State = BoardMeetingState.Created };

        Assert.True((await _storage.Meetings.SaveAsync(withEvent, created.Version)).Saved);
        Assert.Equal(WriteStatus.Conflict, (await _storage.Meetings.SaveAsync(withEvent with { GraphEventId = "AAMk-2" }, created.Version)).Status);
        Assert.Equal(WriteStatus.Conflict, (await _storage.Meetings.SaveAsync(Planned("qa-transformation-board", "series"), null)).Status);

        var stored = Assert.Single(await _storage.Meetings.GetForBodyAsync(new BodyId("qa-transformation-board")));
        Assert.Equal("AAMk-1", stored.Value.GraphEventId);
        Assert.Equal(["a@council.example", "b@council.example"], stored.Value.Attendees);
    }

    [Fact]
    public async Task GetForBodyAsync_BodyWhoseIdStartsLikeAnother_ReturnsOnlyItsOwn()
    {
        await _storage.Meetings.SaveAsync(Planned("cme", "2026-11-04"), null);
        await _storage.Meetings.SaveAsync(Planned("cme", "2026-12-02"), null);
        await _storage.Meetings.SaveAsync(Planned("cme-line-of-sight", "series"), null);

        Assert.Equal(2, (await _storage.Meetings.GetForBodyAsync(new BodyId("cme"))).Count);
        Assert.Equal(3, (await _storage.Meetings.ListAsync()).Count);
    }
}
