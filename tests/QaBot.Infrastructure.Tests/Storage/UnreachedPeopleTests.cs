using QaBot.Application.Conversations;
using QaBot.Application.Installation;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>The unreached list read from real tables: hand-made people, chats and install records in Azurite.</summary>
[Trait("Category", "Storage")]
public sealed class UnreachedPeopleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuditEntry Audit = new(Now, Actor.System("test"), "added", "test", "test", new AuditOrigin("test", "unreached"));

    private readonly StorageContext _storage = new();

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        foreach (var area in Areas)
        {
            Assert.True((await _storage.Directory.SaveAreaAsync(area, null, Audit)).Saved);
        }

        Person[] people =
        [
            NewPerson(4, ChesterfieldTeam1, null, SampleFramework.TeamManager, SampleFramework.AllStaff),
            NewPerson(6, ChesterfieldTeam1, Id(4), SampleFramework.AllStaff),
            NewPerson(7, ChesterfieldTeam1, Id(4), SampleFramework.AllStaff),
            NewPerson(8, BolsoverTeam1, null, SampleFramework.AllStaff),
            NewPerson(9, Department, null, ElectedMember),
            NewPerson(12, SendTeam, null, SampleFramework.AllStaff) with { Active = false, LeftOn = new DateOnly(2026, 10, 30) },
        ];
        foreach (var person in people)
        {
            Assert.True((await _storage.Directory.SavePersonAsync(person, null, Audit)).Saved);
        }

        await _storage.Conversations.SaveAsync(Chat(4), Now.AddDays(-40));
        await _storage.Conversations.SaveAsync(Chat(7), Now.AddDays(-40));
        await _storage.Conversations.MarkStaleAsync(Id(7), "403", Now.AddDays(-5));
        await _storage.Installs.SaveAsync(new AppInstallRecord(Id(6), AppInstallStatus.Failed, ConversationFollowUp.None, null, "HTTP 403 Forbidden", 3, Now.AddDays(-1), null));
    }

    public Task DisposeAsync() => _storage.DisposeAsync();

    private static ConversationReference Chat(int n) => new(Id(n), "msteams", "https://smba.example/uk/", "a:" + n, "29:" + n, "28:bot", "tenant");

    private UnreachedPeopleQuery Query() => new(_storage.Directory, _storage.Conversations, _storage.Installs, SampleFramework.Catalogue);

    [Fact]
    public async Task GetAsync_FromTables_ListsFailedInstallStaleChatAndNoChatByArea()
    {
        var result = await Query().GetAsync(null);

        Assert.Equal(4, result.WithDuties);
        Assert.Equal(
            [
                ("Children's Services > Early Help & Safeguarding > Children's Social Care North > Locality: Bolsover > Team 1", Id(8), UnreachedReason.NoChat, (DateTimeOffset?)null),
                ("Children's Services > Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1", Id(6), UnreachedReason.InstallFailed, Now.AddDays(-1)),
                ("Children's Services > Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1", Id(7), UnreachedReason.StaleChat, Now.AddDays(-5)),
            ],
            result.People.Select(p => (p.AreaPath, p.Person, p.Reason, p.Since)));
        Assert.Equal("Installing QaBot for them failed (HTTP 403 Forbidden; 3 failed tries).", result.People[1].Detail);
        Assert.Equal([1, 2], result.ByArea().Select(a => a.Total));
    }

    [Fact]
    public async Task GetAsync_ForAnArea_LeavesOutOtherAreas()
    {
        var result = await Query().GetAsync(Bolsover);

        Assert.Equal((1, Id(8)), (result.WithDuties, Assert.Single(result.People).Person));
    }
}
