using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>
/// A queue batch's ledger entries and conversations come back with one point read each, reading only the rows asked
/// for: a filter naming several row keys would be answered by scanning the partition.
/// </summary>
[Trait("Category", "Storage")]
public sealed class BatchReadCountTests : IAsyncLifetime
{
    private const string Run = "run-20261204T090000Z";
    private static readonly DateTimeOffset Queued = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public async Task LedgerGetManyAsync_ThirtyTwoDigests_OnePointReadEach()
    {
        var people = Enumerable.Range(1, 32).Select(Id).ToList();
        foreach (var person in people)
        {
            await _storage.Ledger.CreateAsync(new SendRecord(new DigestKey(Run, person), SendState.Pending, 0, null, null, null, [], false, Queued, Queued));
        }

        _storage.Counter.Reset();
        var found = await _storage.Ledger.GetManyAsync(Run, people);

        Assert.Equal(32, found.Count);
        Assert.Equal(32, _storage.Counter.Requests);
        Assert.Equal(32, _storage.Counter.Entities);
    }

    [Fact]
    public async Task ConversationsGetManyAsync_ThirtyTwoOfFortyPeople_OnePointReadEachReadingOnlyThoseAsked()
    {
        var people = Enumerable.Range(1, 40).Select(Id).ToList();
        foreach (var person in people)
        {
            await _storage.Conversations.SaveAsync(new ConversationReference(person, "msteams", "https://smba.trafficmanager.net/uk/", "a:" + person.Value, "29:x", "28:bot", "tenant-1"), Queued);
        }

        _storage.Counter.Reset();
        var found = await _storage.Conversations.GetManyAsync(people.Take(32).ToList());

        Assert.Equal(32, found.Count);
        Assert.Equal(32, _storage.Counter.Requests);
        Assert.Equal(32, _storage.Counter.Entities);
    }
}
