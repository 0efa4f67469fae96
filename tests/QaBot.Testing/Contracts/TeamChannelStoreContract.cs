using QaBot.Application.Conversations;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="ITeamChannelStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class TeamChannelStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Installed = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    protected abstract ITeamChannelStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public static TeamChannel Channel(string conversation = "19:general@thread.tacv2", string serviceUrl = "https://smba.trafficmanager.net/uk/") =>
        new(conversation, "19:general@thread.tacv2", "msteams", serviceUrl, "28:bot", "tenant-1");

    [Fact]
    public async Task SaveAsync_ThenGet_ReturnsTheChannel()
    {
        await Store.SaveAsync(Channel(), Installed);

        var stored = await Store.GetAsync("19:general@thread.tacv2");

        Assert.Equal(Channel(), stored!.Channel);
        Assert.Equal(Installed, stored.SavedAt);
        Assert.False(stored.IsStale);
        Assert.Null(await Store.GetAsync("19:other@thread.tacv2"));
    }

    [Fact]
    public async Task SaveAsync_SameChannelAgain_ChangesNothing()
    {
        await Store.SaveAsync(Channel(), Installed);

        await Store.SaveAsync(Channel(), Installed.AddDays(1));

        Assert.Equal(Installed, (await Store.GetAsync(Channel().ConversationId))!.SavedAt);
    }

    [Fact]
    public async Task MarkStaleAsync_ThenReinstall_ClearsTheMark()
    {
        await Store.SaveAsync(Channel(), Installed);

        await Store.MarkStaleAsync(Channel().ConversationId, "403 Forbidden", Installed.AddDays(1));
        var stale = (await Store.GetAsync(Channel().ConversationId))!;
        Assert.Equal(("403 Forbidden", Installed.AddDays(1)), (stale.StaleReason, stale.StaleSince));

        await Store.SaveAsync(Channel(serviceUrl: "https://smba.trafficmanager.net/emea/"), Installed.AddDays(2));
        var stored = (await Store.GetAsync(Channel().ConversationId))!;
        Assert.False(stored.IsStale);
        Assert.Equal(("https://smba.trafficmanager.net/emea/", Installed.AddDays(2)), (stored.Channel.ServiceUrl, stored.SavedAt));
    }

    [Fact]
    public async Task MarkStaleAsync_OlderThanTheSave_ChangesNothing()
    {
        await Store.SaveAsync(Channel(), Installed);

        await Store.MarkStaleAsync(Channel().ConversationId, "404 Not Found", Installed.AddHours(-1));
        await Store.MarkStaleAsync("19:unknown@thread.tacv2", "404 Not Found", Installed);

        Assert.False((await Store.GetAsync(Channel().ConversationId))!.IsStale);
        Assert.Null(await Store.GetAsync("19:unknown@thread.tacv2"));
    }

    [Fact]
    public async Task ListAsync_ReturnsEveryChannel()
    {
        await Store.SaveAsync(Channel(), Installed);
        await Store.SaveAsync(Channel("19:qa-team@thread.tacv2"), Installed);

        var all = await Store.ListAsync();

        Assert.Equal(["19:general@thread.tacv2", "19:qa-team@thread.tacv2"], all.Select(c => c.Channel.ConversationId).Order(StringComparer.Ordinal));
    }
}
