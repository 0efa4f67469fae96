using Azure;
using QaBot.Application.Reminders;
using QaBot.Core.Meetings;
using QaBot.Core.Framework;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>A conditional write that finds its record gone is a conflict; one that finds its table gone is a failure, never hidden as a conflict.</summary>
[Trait("Category", "Storage")]
public sealed class ConditionalWriteTests
{
    private const string SomeVersion = "W/\"datetime'2026-11-20T09%3A00%3A00.0000000Z'\"";

    // No InitializeAsync: the tables were never created.
    private readonly StorageContext _storage = new();

    [Fact]
    public async Task SaveStateAsync_TableMissing_Throws() =>
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => _storage.Runs.SaveStateAsync(SchedulerState.Initial, SomeVersion))).Status);

    [Fact]
    public async Task BoardMeetingSaveAsync_TableMissing_Throws() =>
        await Assert.ThrowsAsync<RequestFailedException>(() => _storage.Meetings.SaveAsync(
            new BoardMeetingRecord(new BodyId("cme"), "series", "qa@council.example", "txn", null, BoardMeetingState.Planned, [], "hash", DateTimeOffset.UnixEpoch), SomeVersion));

    [Fact]
    public async Task ThrottleExtendAsync_TableMissing_Throws() =>
        await Assert.ThrowsAsync<RequestFailedException>(() => _storage.Throttle.ExtendAsync(DateTimeOffset.UnixEpoch));
}
