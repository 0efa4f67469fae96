using QaBot.Application.Conversations;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

public sealed class ConversationStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Installed = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    private static ConversationReference Reference(string conversation = "a:1") =>
        new(Id(6), "msteams", "https://smba.trafficmanager.net/uk/", conversation, "29:user", "28:bot", "tenant-1");

    [Fact]
    public async Task SaveAsync_ThenGet_ReturnsTheReference()
    {
        await _storage.Conversations.SaveAsync(Reference(), Installed);

        var stored = await _storage.Conversations.GetAsync(Id(6));

        Assert.Equal(Reference(), stored!.Reference);
        Assert.Equal(Installed, stored.SavedAt);
        Assert.False(stored.IsStale);
        Assert.Null(await _storage.Conversations.GetAsync(Id(7)));
    }

    [Fact]
    public async Task MarkStaleAsync_ThenReinstall_ClearsTheMark()
    {
        await _storage.Conversations.SaveAsync(Reference(), Installed);

        await _storage.Conversations.MarkStaleAsync(Id(6), "403 Forbidden", Installed.AddDays(1));
        Assert.Equal("403 Forbidden", (await _storage.Conversations.GetAsync(Id(6)))!.StaleReason);

        await _storage.Conversations.SaveAsync(Reference("a:2"), Installed.AddDays(2));
        var stored = (await _storage.Conversations.GetAsync(Id(6)))!;
        Assert.False(stored.IsStale);
        Assert.Equal("a:2", stored.Reference.ConversationId);
    }

    [Fact]
    public async Task MarkStaleAsync_FailureOlderThanAFreshInstall_IsIgnored()
    {
        await _storage.Conversations.SaveAsync(Reference(), Installed);

        await _storage.Conversations.MarkStaleAsync(Id(6), "404 Not Found", Installed.AddHours(-1));

        Assert.False((await _storage.Conversations.GetAsync(Id(6)))!.IsStale);
    }

    [Fact]
    public async Task SaveAsync_ManyInstancesAtOnce_OneReferenceRemains()
    {
        await Task.WhenAll(Enumerable.Range(0, 5).Select(n => _storage.Conversations.SaveAsync(Reference("a:" + n), Installed.AddSeconds(n))));

        var all = await _storage.Conversations.ListAsync();

        Assert.Single(all);
    }
}
