using QaBot.Application.Organisation;
using QaBot.Application.Storage;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using Xunit;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IDirectoryStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class DirectoryStoreContract : IAsyncLifetime
{
    private static readonly AuditEntry Audit = new(TestItems.CreatedAt, Actor.System("test"), "added", "person:test", "test", TestItems.Origin);

    protected abstract IDirectoryStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private async Task AddAreasAsync()
    {
        foreach (var area in Areas)
        {
            Assert.True((await Store.SaveAreaAsync(area, null, Audit with { Subject = "area:" + area.Id })).Saved);
        }
    }

    private async Task<string> AddAsync(Person person)
    {
        var result = await Store.SavePersonAsync(person, null, Audit with { Subject = "person:" + person.Id });
        Assert.True(result.Saved);
        Assert.False(string.IsNullOrEmpty(result.Version));
        return result.Version!;
    }

    [Fact]
    public async Task SavePersonAsync_NewPeople_CanBeFoundEveryWay()
    {
        await AddAreasAsync();
        foreach (var person in People)
        {
            await AddAsync(person);
        }

        Assert.Equal("Person 7", (await Store.GetPersonAsync(Id(7)))?.DisplayName);
        Assert.Equal(Id(7), (await Store.FindByUpnAsync("PERSON7@council.example"))?.Id);
        Assert.Equal([Id(4), Id(6), Id(7)], (await Store.GetPeopleInAreaAsync(Chesterfield)).Select(p => p.Id));
        Assert.Equal(7, (await Store.GetPeopleInAreaAsync(EarlyHelp)).Count);
        Assert.Equal([Id(6), Id(7)], (await Store.GetReportsAsync(Id(4))).Select(p => p.Id));
        var snapshot = await Store.GetSnapshotAsync();
        Assert.Equal(People.Count, snapshot.People.Count);
        Assert.Equal(Areas.Count, snapshot.Tree.Areas.Count());
        Assert.True(snapshot.People.Single(p => p.Value.Id == Id(4)).Value.SameAs(People[3]));
        Assert.Equal(snapshot.People.Count, snapshot.People.Select(p => p.Version).Distinct().Count());
        Assert.Equal("Team 2", (await Store.GetAreasAsync()).Find(ChesterfieldTeam2)?.Name);
    }

    [Fact]
    public async Task GetPeopleInAreaAsync_PersonInTwoAreasOfTheSubtree_IsListedOnceSortedByName()
    {
        await AddAsync(NewPerson(20, [ChesterfieldTeam1, ChesterfieldTeam2], Id(3), HeadOfService) with { DisplayName = "Zoe" });
        await AddAsync(NewPerson(21, ChesterfieldTeam2, Id(20), AllStaff) with { DisplayName = "adam" });
        await AddAsync(NewPerson(22, ChesterfieldTeam1, Id(20), AllStaff) with { DisplayName = "Bea" });

        Assert.Equal(["adam", "Bea", "Zoe"], (await Store.GetPeopleInAreaAsync(Chesterfield)).Select(p => p.DisplayName));
        Assert.Equal(["adam", "Bea"], (await Store.GetReportsAsync(Id(20))).Select(p => p.DisplayName));
    }

    [Fact]
    public async Task GetPeopleInAreaAsync_SiblingWhoseIdStartsTheSame_IsNotIncluded()
    {
        var team10 = Chesterfield.Child("Team 10");
        await AddAsync(NewPerson(20, ChesterfieldTeam1, null, AllStaff));
        await AddAsync(NewPerson(21, team10, null, AllStaff));

        Assert.Equal([Id(20)], (await Store.GetPeopleInAreaAsync(ChesterfieldTeam1)).Select(p => p.Id));
        Assert.Equal([Id(21)], (await Store.GetPeopleInAreaAsync(team10)).Select(p => p.Id));
    }

    [Fact]
    public async Task GetPeopleKeptAtAsync_PeopleAtTheAreaAndBelowIt_OnlyThoseAtItActive()
    {
        await AddAsync(NewPerson(20, Chesterfield, null, HeadOfService) with { DisplayName = "Zoe" });
        await AddAsync(NewPerson(21, [ChesterfieldTeam1, Chesterfield], Id(20), AllStaff) with { DisplayName = "adam" });
        await AddAsync(NewPerson(22, ChesterfieldTeam1, Id(20), AllStaff));
        await AddAsync(NewPerson(23, Chesterfield, Id(20), AllStaff) with { Active = false, LeftOn = new DateOnly(2026, 1, 31) });

        Assert.Equal(["adam", "Zoe"], (await Store.GetPeopleKeptAtAsync(Chesterfield)).Select(p => p.DisplayName));
        Assert.Equal([Id(21), Id(22)], (await Store.GetPeopleKeptAtAsync(ChesterfieldTeam1)).Select(p => p.Id).OrderBy(p => p.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SavePersonAsync_PersonMovesTeamAndManager_LookupsFollow()
    {
        var version = await AddAsync(People[5]);

        var moved = People[5] with { Areas = [BolsoverTeam1], LineManager = Id(5), Upn = "renamed@council.example" };
        var saved = await Store.SavePersonAsync(moved, version, Audit);
        Assert.True(saved.Saved);
        Assert.NotEqual(version, saved.Version);

        Assert.Empty(await Store.GetPeopleInAreaAsync(ChesterfieldTeam1));
        Assert.Equal(Id(6), Assert.Single(await Store.GetPeopleInAreaAsync(Bolsover)).Id);
        Assert.Empty(await Store.GetReportsAsync(Id(4)));
        Assert.Single(await Store.GetReportsAsync(Id(5)));
        Assert.Null(await Store.FindByUpnAsync(People[5].Upn));
        Assert.Equal(Id(6), (await Store.FindByUpnAsync("renamed@council.example"))?.Id);
    }

    [Fact]
    public async Task SavePersonAsync_Deactivated_KeepsTheRecordButDropsTheLookups()
    {
        var version = await AddAsync(People[5]);

        Assert.True((await Store.SavePersonAsync(People[5] with { Active = false, LeftOn = Today }, version, Audit with { Action = "deactivated", Subject = "person:" + Id(6), At = Audit.At.AddDays(1) })).Saved);

        Assert.False((await Store.GetPersonAsync(Id(6)))!.Active);
        Assert.Null(await Store.FindByUpnAsync(People[5].Upn));
        Assert.Empty(await Store.GetPeopleInAreaAsync(Department));
        Assert.Empty(await Store.GetReportsAsync(Id(4)));
        Assert.Equal(["added", "deactivated"], (await Store.GetAuditTrailAsync(Id(6))).Select(a => a.Action));
        Assert.Single((await Store.GetSnapshotAsync()).People);
    }

    [Fact]
    public async Task SavePersonAsync_UpnOfSomeoneWhoLeft_CanBeTakenByANewPerson()
    {
        var version = await AddAsync(People[5]);
        await Store.SavePersonAsync(People[5] with { Active = false, LeftOn = Today }, version, Audit);

        await AddAsync(People[6] with { Upn = People[5].Upn.ToUpperInvariant() });

        Assert.Equal(Id(7), (await Store.FindByUpnAsync(People[5].Upn))?.Id);
    }

    [Fact]
    public async Task SavePersonAsync_StaleVersion_IsAConflictAndOverwritesNothing()
    {
        var version = await AddAsync(People[5]);
        Assert.True((await Store.SavePersonAsync(People[5] with { JobTitle = "Senior Practitioner" }, version, Audit)).Saved);

        var stale = await Store.SavePersonAsync(People[5] with { JobTitle = "Overwritten" }, version, Audit);

        Assert.Equal(WriteStatus.Conflict, stale.Status);
        Assert.Null(stale.Version);
        Assert.Equal("Senior Practitioner", (await Store.GetPersonAsync(Id(6)))!.JobTitle);
    }

    [Fact]
    public async Task SavePersonAsync_UpdateOfSomeoneNotStored_IsAConflict()
    {
        var version = await AddAsync(People[5]);

        Assert.Equal(WriteStatus.Conflict, (await Store.SavePersonAsync(People[6], version, Audit)).Status);
        Assert.Null(await Store.GetPersonAsync(Id(7)));
    }

    [Fact]
    public async Task SavePersonAsync_UpnHeldByAnotherActivePerson_IsAConflictAndWritesNothing()
    {
        await AddAsync(People[5]);

        var clash = await Store.SavePersonAsync(People[6] with { Upn = People[5].Upn.ToUpperInvariant() }, null, Audit with { Subject = "person:" + Id(7) });

        Assert.Equal(WriteStatus.Conflict, clash.Status);
        Assert.Null(await Store.GetPersonAsync(Id(7)));
        Assert.Empty(await Store.GetAuditTrailAsync(Id(7)));
        Assert.Equal(Id(6), (await Store.FindByUpnAsync(People[5].Upn))?.Id);
    }

    [Fact]
    public async Task SavePersonAsync_SamePersonCreatedTwice_SecondIsAConflict()
    {
        await AddAsync(People[5]);

        Assert.Equal(WriteStatus.Conflict, (await Store.SavePersonAsync(People[5], null, Audit)).Status);
    }

    [Fact]
    public async Task SavePersonAsync_NoArea_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SavePersonAsync(People[5] with { Areas = [] }, null, Audit));

    [Fact]
    public async Task SaveAreaAsync_Retired_IsKeptButNotCurrent()
    {
        await AddAreasAsync();
        var snapshot = await Store.GetSnapshotAsync();
        var team = snapshot.Areas.Single(a => a.Value.Id == ChesterfieldTeam2);

        Assert.True((await Store.SaveAreaAsync(team.Value with { Retired = true }, team.Version, Audit)).Saved);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAreaAsync(team.Value with { Name = "Stale" }, team.Version, Audit)).Status);

        var tree = await Store.GetAreasAsync();
        Assert.False(tree.IsCurrent(ChesterfieldTeam2));
        Assert.Equal("Team 2", tree.Find(ChesterfieldTeam2)?.Name);
    }

    [Fact]
    public async Task SaveAreaAsync_CreatedTwiceOrUpdatedWhenMissing_IsAConflict()
    {
        var first = await Store.SaveAreaAsync(Areas[0], null, Audit);

        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAreaAsync(Areas[0], null, Audit)).Status);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveAreaAsync(Areas[1], first.Version, Audit)).Status);
        Assert.Single((await Store.GetSnapshotAsync()).Areas);
    }

    [Fact]
    public async Task Reads_EmptyDirectory_FindNobody()
    {
        Assert.Null(await Store.GetPersonAsync(Id(1)));
        Assert.Null(await Store.FindByUpnAsync("person1@council.example"));
        Assert.Empty(await Store.GetPeopleInAreaAsync(Department));
        Assert.Empty(await Store.GetReportsAsync(Id(1)));
        Assert.Null((await Store.GetAreasAsync()).Root);
        Assert.Empty((await Store.GetSnapshotAsync()).People);
        Assert.Empty(await Store.GetAuditTrailAsync(Id(1)));
    }

    [Fact]
    public async Task AddAbsenceAsync_ReadsBackByPersonAndInTheSnapshot_AndRemoveTakesItAway()
    {
        await AddAreasAsync();
        await AddAsync(People[3]);
        await AddAsync(People[4]);
        var leave = new Absence(Id(4), new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 31), Id(5), Actor.Operator("qa"), TestItems.CreatedAt);
        var earlier = new Absence(Id(4), new DateOnly(2026, 8, 3), new DateOnly(2026, 8, 14), null, Actor.Person(Id(4)), TestItems.CreatedAt);

        Assert.True((await Store.AddAbsenceAsync(leave, Audit with { Subject = "person:" + Id(4), Action = "leave-recorded" })).Saved);
        Assert.True((await Store.AddAbsenceAsync(earlier, Audit with { Subject = "person:" + Id(4), Action = "leave-recorded" })).Saved);
        var again = await Store.AddAbsenceAsync(leave with { To = new DateOnly(2027, 1, 8) }, Audit);

        Assert.False(again.Saved);
        Assert.Equal([earlier, leave], await Store.GetAbsencesAsync(Id(4)));
        Assert.Empty(await Store.GetAbsencesAsync(Id(5)));
        Assert.Equal([earlier, leave], await Store.ListAbsencesAsync());
        Assert.Equal([earlier, leave], (await Store.GetSnapshotAsync()).Absences);
        Assert.Equal(Id(5), (await Store.GetSnapshotAsync()).ToChart(Policy).StandInFor(Id(4), new DateOnly(2026, 12, 15), statutory: false)!.Id);
        Assert.Equal(2, (await Store.GetAuditTrailAsync(Id(4))).Count(a => a.Action == "leave-recorded"));

        Assert.True((await Store.RemoveAbsenceAsync(leave, Audit with { Subject = "person:" + Id(4), Action = "leave-cancelled" })).Saved);
        Assert.False((await Store.RemoveAbsenceAsync(leave, Audit)).Saved);
        Assert.Equal([earlier], await Store.GetAbsencesAsync(Id(4)));
    }
}
