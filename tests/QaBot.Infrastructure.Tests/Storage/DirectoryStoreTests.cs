using QaBot.Application.Storage;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

public sealed class DirectoryStoreTests : IAsyncLifetime
{
    private static readonly AuditEntry Audit = new(TestItems.CreatedAt, Actor.System("test"), "added", "person:test", "test", TestItems.Origin);
    private readonly StorageContext _storage = new();

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        foreach (var area in Areas)
        {
            Assert.True((await _storage.Directory.SaveAreaAsync(area, null, Audit)).Saved);
        }
    }

    public Task DisposeAsync() => _storage.DisposeAsync();

    private async Task<string> AddAsync(Person person)
    {
        var result = await _storage.Directory.SavePersonAsync(person, null, Audit with { Subject = "person:" + person.Id });
        Assert.True(result.Saved);
        return result.Version!;
    }

    [Fact]
    public async Task SavePersonAsync_NewPerson_CanBeFoundEveryWay()
    {
        foreach (var person in People)
        {
            await AddAsync(person);
        }

        Assert.Equal("Person 7", (await _storage.Directory.GetPersonAsync(Id(7)))?.DisplayName);
        Assert.Equal(Id(7), (await _storage.Directory.FindByUpnAsync("PERSON7@council.example"))?.Id);
        Assert.Equal([Id(4), Id(6), Id(7)], (await _storage.Directory.GetPeopleInAreaAsync(Chesterfield)).Select(p => p.Id).OrderBy(i => i.Value, StringComparer.Ordinal));
        Assert.Equal(7, (await _storage.Directory.GetPeopleInAreaAsync(EarlyHelp)).Count);
        Assert.Equal([Id(6), Id(7)], (await _storage.Directory.GetReportsAsync(Id(4))).Select(p => p.Id).OrderBy(i => i.Value, StringComparer.Ordinal));
        var snapshot = await _storage.Directory.GetSnapshotAsync();
        Assert.Equal(People.Count, snapshot.People.Count);
        Assert.Equal(Areas.Count, snapshot.Tree.Areas.Count());
        Assert.True(snapshot.People.Single(p => p.Value.Id == Id(4)).Value.SameAs(People[3]));
    }

    [Fact]
    public async Task SavePersonAsync_PersonMovesTeamAndManager_LookupsFollow()
    {
        var version = await AddAsync(People[5]);

        var moved = People[5] with { Areas = [BolsoverTeam1], LineManager = Id(5), Upn = "renamed@council.example" };
        Assert.True((await _storage.Directory.SavePersonAsync(moved, version, Audit)).Saved);

        Assert.Empty(await _storage.Directory.GetPeopleInAreaAsync(ChesterfieldTeam1));
        Assert.Equal(Id(6), Assert.Single(await _storage.Directory.GetPeopleInAreaAsync(Bolsover)).Id);
        Assert.Empty(await _storage.Directory.GetReportsAsync(Id(4)));
        Assert.Single(await _storage.Directory.GetReportsAsync(Id(5)));
        Assert.Null(await _storage.Directory.FindByUpnAsync(People[5].Upn));
        Assert.Equal(Id(6), (await _storage.Directory.FindByUpnAsync("renamed@council.example"))?.Id);
    }

    [Fact]
    public async Task SavePersonAsync_Deactivated_KeepsTheRecordButDropsTheLookups()
    {
        var version = await AddAsync(People[5]);

        Assert.True((await _storage.Directory.SavePersonAsync(People[5] with { Active = false, LeftOn = Today }, version, Audit with { Action = "deactivated", Subject = "person:" + Id(6), At = Audit.At.AddDays(1) })).Saved);

        Assert.False((await _storage.Directory.GetPersonAsync(Id(6)))!.Active);
        Assert.Null(await _storage.Directory.FindByUpnAsync(People[5].Upn));
        Assert.Empty(await _storage.Directory.GetPeopleInAreaAsync(Department));
        Assert.Equal(["added", "deactivated"], (await _storage.Directory.GetAuditTrailAsync(Id(6))).Select(a => a.Action));
    }

    [Fact]
    public async Task SavePersonAsync_StaleVersion_IsAConflictAndOverwritesNothing()
    {
        var version = await AddAsync(People[5]);
        Assert.True((await _storage.Directory.SavePersonAsync(People[5] with { JobTitle = "Senior Practitioner" }, version, Audit)).Saved);

        var stale = await _storage.Directory.SavePersonAsync(People[5] with { JobTitle = "Overwritten" }, version, Audit);

        Assert.Equal(WriteStatus.Conflict, stale.Status);
        Assert.Equal("Senior Practitioner", (await _storage.Directory.GetPersonAsync(Id(6)))!.JobTitle);
    }

    [Fact]
    public async Task SavePersonAsync_UpnHeldByAnotherActivePerson_IsAConflictAndWritesNothing()
    {
        await AddAsync(People[5]);

        var clash = await _storage.Directory.SavePersonAsync(People[6] with { Upn = People[5].Upn }, null, Audit);

        Assert.Equal(WriteStatus.Conflict, clash.Status);
        Assert.Null(await _storage.Directory.GetPersonAsync(Id(7)));
        Assert.Equal(Id(6), (await _storage.Directory.FindByUpnAsync(People[5].Upn))?.Id);
    }

    [Fact]
    public async Task SavePersonAsync_SamePersonCreatedTwice_SecondIsAConflict()
    {
        await AddAsync(People[5]);

        Assert.Equal(WriteStatus.Conflict, (await _storage.Directory.SavePersonAsync(People[5], null, Audit)).Status);
    }

    [Fact]
    public async Task SaveAreaAsync_Retired_IsKeptButNotCurrent()
    {
        var snapshot = await _storage.Directory.GetSnapshotAsync();
        var team = snapshot.Areas.Single(a => a.Value.Id == ChesterfieldTeam2);

        Assert.True((await _storage.Directory.SaveAreaAsync(team.Value with { Retired = true }, team.Version, Audit)).Saved);
        Assert.Equal(WriteStatus.Conflict, (await _storage.Directory.SaveAreaAsync(team.Value with { Name = "Stale" }, team.Version, Audit)).Status);

        var tree = await _storage.Directory.GetAreasAsync();
        Assert.False(tree.IsCurrent(ChesterfieldTeam2));
        Assert.Equal("Team 2", tree.Find(ChesterfieldTeam2)?.Name);
    }
}
