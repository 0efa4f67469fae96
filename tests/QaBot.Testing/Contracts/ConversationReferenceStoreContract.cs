using QaBot.Application.Conversations;
using Xunit;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IConversationReferenceStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class ConversationReferenceStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Installed = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    protected abstract IConversationReferenceStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static ConversationReference Reference(string conversation = "a:1", int person = 6) =>
        new(Id(person), "msteams", "https://smba.trafficmanager.net/uk/", conversation, "29:user", "28:bot", "tenant-1");

    [Fact]
    public async Task SaveAsync_ThenGet_ReturnsTheReference()
    {
        await Store.SaveAsync(Reference(), Installed);

        var stored = await Store.GetAsync(Id(6));

        Assert.Equal(Reference(), stored!.Reference);
        Assert.Equal(Installed, stored.SavedAt);
        Assert.False(stored.IsStale);
        Assert.Null(stored.StaleReason);
        Assert.Null(await Store.GetAsync(Id(7)));
    }

    [Fact]
    public async Task GreetOnceAsync_AgainWithinTheWindow_RefusedUntilItHasPassed()
    {
        var window = TimeSpan.FromMinutes(2);

        Assert.True(await Store.GreetOnceAsync(Reference(), Installed, window));
        Assert.False(await Store.GreetOnceAsync(Reference(), Installed.AddSeconds(30), window));

        Assert.Equal((Reference(), Installed), ((await Store.GetAsync(Id(6)))!.Reference, (await Store.GetAsync(Id(6)))!.GreetedAt));
        Assert.True(await Store.GreetOnceAsync(Reference(), Installed + window, window));
    }

    [Fact]
    public async Task GreetOnceAsync_ChatSavedAgainSince_StillRemembersTheGreeting()
    {
        var window = TimeSpan.FromMinutes(2);
        await Store.GreetOnceAsync(Reference(), Installed, window);

        await Store.SaveAsync(Reference("a:2"), Installed.AddSeconds(10));
        await Store.MarkStaleAsync(Id(6), "404", Installed.AddSeconds(20));

        Assert.False(await Store.GreetOnceAsync(Reference("a:3"), Installed.AddSeconds(30), window));
        var stored = (await Store.GetAsync(Id(6)))!;
        Assert.Equal(("a:2", Installed), (stored.Reference.ConversationId, stored.GreetedAt));
        Assert.True(await Store.GreetOnceAsync(Reference("a:3"), Installed.AddMinutes(3), window));
        Assert.Equal(("a:3", false), ((await Store.GetAsync(Id(6)))!.Reference.ConversationId, (await Store.GetAsync(Id(6)))!.IsStale));
    }

    [Fact]
    public async Task SaveAsync_SameReferenceAgain_ChangesNothing()
    {
        await Store.SaveAsync(Reference(), Installed);

        await Store.SaveAsync(Reference(), Installed.AddDays(1));

        Assert.Equal(Installed, (await Store.GetAsync(Id(6)))!.SavedAt);
    }

    [Fact]
    public async Task MarkStaleAsync_ThenReinstall_ClearsTheMark()
    {
        await Store.SaveAsync(Reference(), Installed);

        await Store.MarkStaleAsync(Id(6), "403 Forbidden", Installed.AddDays(1));
        var stale = (await Store.GetAsync(Id(6)))!;
        Assert.Equal(("403 Forbidden", Installed.AddDays(1)), (stale.StaleReason, stale.StaleSince));

        await Store.SaveAsync(Reference("a:2"), Installed.AddDays(2));
        var stored = (await Store.GetAsync(Id(6)))!;
        Assert.False(stored.IsStale);
        Assert.Equal(("a:2", Installed.AddDays(2)), (stored.Reference.ConversationId, stored.SavedAt));
    }

    [Fact]
    public async Task SaveAsync_SameReferenceWhileStale_ClearsTheMark()
    {
        await Store.SaveAsync(Reference(), Installed);
        await Store.MarkStaleAsync(Id(6), "404 Not Found", Installed.AddDays(1));

        await Store.SaveAsync(Reference(), Installed.AddDays(2));

        Assert.False((await Store.GetAsync(Id(6)))!.IsStale);
    }

    [Fact]
    public async Task MarkStaleAsync_Twice_KeepsTheFirstMark()
    {
        await Store.SaveAsync(Reference(), Installed);

        await Store.MarkStaleAsync(Id(6), "403 Forbidden", Installed.AddDays(1));
        await Store.MarkStaleAsync(Id(6), "404 Not Found", Installed.AddDays(2));

        var stored = (await Store.GetAsync(Id(6)))!;
        Assert.Equal(("403 Forbidden", Installed.AddDays(1)), (stored.StaleReason, stored.StaleSince));
    }

    [Fact]
    public async Task MarkStaleAsync_FailureOlderThanAFreshInstall_IsIgnored()
    {
        await Store.SaveAsync(Reference(), Installed);

        await Store.MarkStaleAsync(Id(6), "404 Not Found", Installed.AddHours(-1));

        Assert.False((await Store.GetAsync(Id(6)))!.IsStale);
    }

    [Fact]
    public async Task MarkStaleAsync_NobodyStored_DoesNothing()
    {
        await Store.MarkStaleAsync(Id(6), "404 Not Found", Installed);

        Assert.Null(await Store.GetAsync(Id(6)));
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task MarkStaleAsync_NoReason_IsRefused() =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.MarkStaleAsync(Id(6), " ", Installed));

    [Fact]
    public async Task SaveAsync_ManyInstancesAtOnce_OneReferenceRemains()
    {
        await Task.WhenAll(Enumerable.Range(0, 5).Select(n => Store.SaveAsync(Reference("a:" + n), Installed.AddSeconds(n))));

        var all = await Store.ListAsync();

        Assert.StartsWith("a:", Assert.Single(all).Reference.ConversationId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetManyAsync_SomeStored_ReturnsThoseWithTheirHealthAndNobodyElse()
    {
        await Store.SaveAsync(Reference("a:6", 6), Installed);
        await Store.SaveAsync(Reference("a:7", 7), Installed);
        await Store.MarkStaleAsync(Id(7), "403 Forbidden", Installed.AddDays(1));

        var found = await Store.GetManyAsync([Id(6), Id(7), Id(8), Id(6)]);

        Assert.Equal([Id(6), Id(7)], found.Keys.OrderBy(p => p.Value, StringComparer.Ordinal));
        Assert.Equal(Reference("a:6", 6), found[Id(6)].Reference);
        Assert.False(found[Id(6)].IsStale);
        Assert.Equal(("403 Forbidden", Installed.AddDays(1)), (found[Id(7)].StaleReason, found[Id(7)].StaleSince));
        Assert.Empty(await Store.GetManyAsync([]));
    }

    [Fact]
    public async Task GetManyAsync_MoreThanOneQueryHolds_ReturnsEveryoneStored()
    {
        var people = Enumerable.Range(10, 40).ToList();
        foreach (var person in people.Where(p => p % 4 != 0))
        {
            await Store.SaveAsync(Reference("a:" + person, person), Installed);
        }

        var found = await Store.GetManyAsync([.. people.Select(Id)]);

        var expected = people.Where(p => p % 4 != 0).Select(p => (Id(p).Value, "a:" + p)).Order();
        Assert.Equal(expected, found.Select(f => (f.Value.Reference.PersonId.Value, f.Value.Reference.ConversationId)).Order());
        Assert.All(found, f => Assert.Equal(f.Key, f.Value.Reference.PersonId));
    }

    [Fact]
    public async Task ListAsync_SeveralPeople_ListsEachWithTheirHealth()
    {
        await Store.SaveAsync(Reference("a:7", 7), Installed);
        await Store.SaveAsync(Reference("a:6", 6), Installed);
        await Store.MarkStaleAsync(Id(7), "403 Forbidden", Installed.AddDays(1));

        var all = await Store.ListAsync();

        Assert.Equal([(Id(6), false), (Id(7), true)], all.Select(c => (c.Reference.PersonId, c.IsStale)).OrderBy(c => c.PersonId.Value, StringComparer.Ordinal));
    }
}
