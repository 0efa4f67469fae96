using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Installation;
using QaBot.Testing.InMemory;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Installation;

[Trait("Category", "Fast")]
public sealed class UnreachedPeopleQueryTests
{
    private readonly Council _council = new();
    private readonly InMemoryAppInstallationStore _installs = new();

    private UnreachedPeopleQuery Query() => new(_council.Directory, _council.Conversations, _installs, Council.Catalogue);

    // Of the test department, the heads of service (3, 11) and the elected member (9) hold roles the sample framework
    // gives no duties to.
    private static readonly int[] WithDuties = [1, 2, 4, 5, 6, 7, 8, 10, 12];

    [Fact]
    public async Task GetAsync_NobodyHasAChat_ListsEveryoneWithDutiesAsNoChat()
    {
        var result = await Query().GetAsync(null);

        Assert.Equal(WithDuties.Length, result.WithDuties);
        Assert.Equal(WithDuties.Select(n => Id(n).Value).Order(StringComparer.Ordinal), result.People.Select(p => p.Person.Value).Order(StringComparer.Ordinal));
        Assert.All(result.People, p => Assert.Equal((UnreachedReason.NoChat, (DateTimeOffset?)null), (p.Reason, p.Since)));
    }

    [Fact]
    public async Task GetAsync_AfterAFailedInstall_ListsThePersonWithTheErrorGroupedByArea()
    {
        foreach (var n in WithDuties.Except([6, 7, 8]))
        {
            _council.Chat(n);
        }

        _council.Chat(7);
        await _council.Conversations.MarkStaleAsync(Id(7), "403", Council.Now.AddDays(-2));
        var installer = new AppInstallRunTests.ScriptedInstaller();
        installer.Answers[Id(6)] = AppInstallAttempt.Failed(403, "Forbidden");
        installer.Answers[Id(7)] = new AppInstallAttempt(AppInstallStatus.AlreadyInstalled, "19:chat-7", 409, null);
        installer.Answers[Id(8)] = new AppInstallAttempt(AppInstallStatus.Installed, null, 201, null);
        installer.Answers[Id(9)] = AppInstallAttempt.Failed(500, "InternalServerError");
        var options = Options.Create(new GraphSyncOptions { TeamsAppCatalogId = "8c4b0b5e-3a8f-4a57-9d0f-2d1f0e6a1b77" });
        await new AppInstallRun(_council.Directory, _council.Conversations, _installs, installer, options, _council.Time, NullLogger<AppInstallRun>.Instance).RunAsync(dryRun: false);

        var result = await Query().GetAsync(null);

        Assert.Equal(
            [(Id(6), UnreachedReason.InstallFailed), (Id(7), UnreachedReason.StaleChat), (Id(8), UnreachedReason.NoChat)],
            result.People.OrderBy(p => p.Person.Value, StringComparer.Ordinal).Select(p => (p.Person, p.Reason)));
        var failed = result.People.Single(p => p.Reason == UnreachedReason.InstallFailed);
        Assert.Equal((Council.Now, "Installing QaBot for them failed (HTTP 403 Forbidden; 1 failed try)."), (failed.Since, failed.Detail));
        Assert.Contains("may have blocked QaBot", result.People.Single(p => p.Person == Id(7)).Detail, StringComparison.Ordinal);
        Assert.Equal((Council.Now, "The app is installed but they have not opened QaBot yet: ask them to open it in Teams."), (result.People.Single(p => p.Person == Id(8)).Since, result.People.Single(p => p.Person == Id(8)).Detail));

        var areas = result.ByArea();
        Assert.Equal(result.People.Select(p => p.AreaPath).Distinct(), areas.Select(a => a.Area));
        Assert.Equal((1, 1, 1), (areas.Sum(a => a.NoChat), areas.Sum(a => a.StaleChat), areas.Sum(a => a.InstallFailed)));
    }

    [Fact]
    public async Task GetAsync_ForAnArea_OnlyCountsPeopleWorkingThere()
    {
        _council.Chat(4);
        var result = await Query().GetAsync(ChesterfieldTeam1);

        Assert.All(result.People, p => Assert.True(p.HomeArea.IsWithin(ChesterfieldTeam1)));
        Assert.DoesNotContain(result.People, p => p.Person == Id(4));
        Assert.Equal(result.People.Count + 1, result.WithDuties);
        Assert.NotEmpty(result.People);
    }

    [Fact]
    public async Task GetAsync_LeaversAndStaleChatsFixedByANewChat_AreNotListed()
    {
        var leaver = Council.Person(6) with { Active = false, LeftOn = Council.Today };
        _council.Save(leaver);
        _council.Chat(7);
        await _council.Conversations.MarkStaleAsync(Id(7), "404", Council.Now.AddDays(-3));
        var reopened = (await _council.Conversations.GetAsync(Id(7)))!.Reference with { ConversationId = "a:7-new" };
        await _council.Conversations.SaveAsync(reopened, Council.Now.AddDays(-1));

        var result = await Query().GetAsync(null);

        Assert.DoesNotContain(result.People, p => p.Person == Id(6) || p.Person == Id(7));
        Assert.Equal(WithDuties.Length - 1, result.WithDuties);
    }
}
