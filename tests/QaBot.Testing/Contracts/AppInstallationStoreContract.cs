using QaBot.Application.Installation;
using Xunit;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IAppInstallationStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class AppInstallationStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    protected abstract IAppInstallationStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveAsync_ThenGet_ReturnsTheRecord()
    {
        var record = new AppInstallRecord(Id(6), AppInstallStatus.Installed, ConversationFollowUp.WaitingForTeams, "19:chat", null, 0, At, At);

        await Store.SaveAsync(record);

        Assert.Equal(record, await Store.GetAsync(Id(6)));
        Assert.Null(await Store.GetAsync(Id(7)));
    }

    [Fact]
    public async Task SaveAsync_LaterAttempt_ReplacesTheEarlierOne()
    {
        await Store.SaveAsync(new AppInstallRecord(Id(6), AppInstallStatus.Installed, ConversationFollowUp.WaitingForTeams, "19:chat", null, 0, At, At));
        var failed = new AppInstallRecord(Id(6), AppInstallStatus.Failed, ConversationFollowUp.None, "19:chat", "HTTP 403 Forbidden", 2, At.AddDays(1), At);

        await Store.SaveAsync(failed);

        Assert.Equal(failed, await Store.GetAsync(Id(6)));
        Assert.Single(await Store.ListAsync());
    }

    [Fact]
    public async Task ListAsync_SeveralPeople_ListsEveryRecord()
    {
        await Store.SaveAsync(new AppInstallRecord(Id(7), AppInstallStatus.AlreadyInstalled, ConversationFollowUp.WaitingForPerson, null, null, 0, At, null));
        await Store.SaveAsync(new AppInstallRecord(Id(6), AppInstallStatus.Failed, ConversationFollowUp.None, null, "no response", 1, At, null));

        Assert.Equal([Id(6), Id(7)], (await Store.ListAsync()).Select(r => r.Person).OrderBy(p => p.Value, StringComparer.Ordinal));
    }
}
