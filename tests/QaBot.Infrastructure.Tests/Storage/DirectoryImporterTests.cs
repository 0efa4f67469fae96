using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Organisation.Import;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class DirectoryImporterTests : IAsyncLifetime
{
    private static readonly string[] AreasFile =
    [
        "Children's Services|department",
        "Early Help & Safeguarding|division",
        "Early Help & Safeguarding > Children's Social Care North|service",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield|locality",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1|team",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 2|team",
    ];

    private const string Team1 = "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1";

    private static readonly string[] Rows =
    [
        $"{Id(3)}|hos@council.example|Cal Head|Head of Service|head-of-service|Early Help & Safeguarding > Children's Social Care North||2022-09-05",
        $"{Id(4)}|tm@council.example|Dee Team|Team Manager|team-manager;all-staff|{Team1}|hos@council.example|2022-01-10",
        $"{Id(6)}|sw@council.example|Eve Worker|Social Worker|all-staff|{Team1}|tm@council.example|2024-02-12",
        $"{Id(7)}|sw2@council.example|Fay Worker|Social Worker|all-staff|{Team1}|tm@council.example|2024-02-12",
    ];

    private readonly StorageContext _storage = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    private async Task<(DirectoryImportPlan Plan, DirectoryImportResult? Result)> ImportAsync(string[] rows, bool withAreas = true)
    {
        var people = ImportRows.People(rows);
        var areaRows = withAreas ? ImportRows.Areas(AreasFile) : null;
        var plan = DirectoryImportPlanner.Plan(new DirectoryImportInput(
            "people.csv", people, withAreas ? "areas.csv" : null, areaRows, Roles,
            await _storage.Directory.GetSnapshotAsync(), Person.Sources.CsvImport, Today, Policy));
        if (!plan.IsValid)
        {
            return (plan, null);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        var importer = new DirectoryImporter(_storage.Directory, _storage.Tracking, _time);
        return (plan, await importer.ApplyAsync(plan, Actor.System("import"), new AuditOrigin("cli", "people import people.csv")));
    }

    [Fact]
    public async Task ApplyAsync_SameFileTwice_SecondWritesNothing()
    {
        await ImportAsync(Rows);
        var before = await _storage.Directory.GetSnapshotAsync();
        _storage.Counter.Reset();

        var (plan, result) = await ImportAsync(Rows, withAreas: false);

        Assert.False(plan.HasChanges);
        Assert.Equal(4, result!.Unchanged);
        Assert.Equal(_storage.Counter.Reads, _storage.Counter.Requests);
        var after = await _storage.Directory.GetSnapshotAsync();
        Assert.Equal(before.People.Select(p => p.Version).Order(), after.People.Select(p => p.Version).Order());
    }

    [Fact]
    public async Task ApplyAsync_ChangedFile_WritesOnlyTheDifferences()
    {
        await ImportAsync(Rows);
        var before = (await _storage.Directory.GetSnapshotAsync()).People.ToDictionary(p => p.Value.Id, p => p.Version);
        var changed = Rows.ToArray();
        changed[3] = changed[3].Replace("Fay Worker|Social Worker", "Fay Worker|Senior Social Worker", StringComparison.Ordinal);

        var (_, result) = await ImportAsync(changed, withAreas: false);

        Assert.Equal(1, result!.PeopleUpdated);
        Assert.Equal(3, result.Unchanged);
        var after = (await _storage.Directory.GetSnapshotAsync()).People.ToDictionary(p => p.Value.Id, p => p.Version);
        Assert.Equal([Id(7)], after.Where(p => before[p.Key] != p.Value).Select(p => p.Key));
        Assert.Equal("Senior Social Worker", (await _storage.Directory.GetPersonAsync(Id(7)))!.JobTitle);
        Assert.Equal(["added", "updated"], (await _storage.Directory.GetAuditTrailAsync(Id(7))).Select(a => a.Action));
    }

    [Fact]
    public async Task ApplyAsync_PersonLeaves_IsDeactivatedAndTheirOpenItemsGoToTheirManagerFlagged()
    {
        await ImportAsync(Rows);
        var worker = (await _storage.Directory.GetPersonAsync(Id(6)))!;
        var open = TestItems.Open("open", Id(6), worker.HomeArea, new DateOnly(2026, 11, 1));
        var done = TestItems.Open("done", Id(6), worker.HomeArea, new DateOnly(2026, 10, 1));
        await _storage.Tracking.AddIfAbsentAsync([open, done], TestItems.Origin);
        await _storage.Tracking.UpdateAsync(done.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, new DateOnly(2026, 10, 1))));

        var (plan, result) = await ImportAsync(Rows.Where((_, i) => i != 2).ToArray(), withAreas: false);

        Assert.Equal(1, result!.PeopleDeactivated);
        Assert.Equal(1, result.ItemsReassigned);
        var leaver = (await _storage.Directory.GetPersonAsync(Id(6)))!;
        Assert.False(leaver.Active);
        Assert.Equal(Today, leaver.LeftOn);
        Assert.Null(await _storage.Directory.FindByUpnAsync("sw@council.example"));
        var manager = (await _storage.Directory.GetPersonAsync(Id(4)))!;
        var item = Assert.Single(await _storage.Tracking.GetOpenItemsAsync(manager));
        Assert.Equal("open", item.Id.Value);
        Assert.True(item.IsFlagged);
        Assert.Equal(Id(6), item.ReassignedFrom);
        Assert.Equal(ItemStatus.Done, (await _storage.Tracking.GetAsync(done.Key))!.Status);
        Assert.Contains("open items to person:" + Id(4), (await _storage.Directory.GetAuditTrailAsync(Id(6)))[^1].Detail, StringComparison.Ordinal);
        Assert.Equal(Id(4), Assert.Single(plan.PersonChanges).ItemsGoTo?.Id);
    }

    [Fact]
    public async Task ApplyAsync_PersonMovesTeam_TheirItemsFollowThem()
    {
        await ImportAsync(Rows);
        var worker = (await _storage.Directory.GetPersonAsync(Id(7)))!;
        await _storage.Tracking.AddIfAbsentAsync([TestItems.Open("mine", Id(7), worker.HomeArea, new DateOnly(2026, 11, 1))], TestItems.Origin);
        var moved = Rows.ToArray();
        moved[3] = moved[3].Replace("Team 1", "Team 2", StringComparison.Ordinal);

        var (_, result) = await ImportAsync(moved, withAreas: false);

        Assert.Equal(1, result!.ItemsMoved);
        var now = (await _storage.Directory.GetPersonAsync(Id(7)))!;
        Assert.Equal(ChesterfieldTeam2, now.HomeArea);
        Assert.Equal(["mine"], (await _storage.Tracking.GetOpenItemsAsync(now)).Select(i => i.Id.Value));
        Assert.Equal(["mine"], (await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam2, Today)).Select(i => i.Id.Value));
        Assert.Empty(await _storage.Tracking.GetOutstandingAsync(ChesterfieldTeam1, Today));
    }

    [Fact]
    public async Task Plan_OneBadRow_NothingIsWritten()
    {
        var rows = Rows.Append($"{Id(8)}|new@council.example|New Person|Social Worker|all-staff|{Team1} > Team 9|tm@council.example|2025-01-01").ToArray();
        _storage.Counter.Reset();

        var (plan, result) = await ImportAsync(rows);

        Assert.Null(result);
        Assert.Equal(6, Assert.Single(plan.Problems).Line);
        Assert.Equal(_storage.Counter.Reads, _storage.Counter.Requests);
        var snapshot = await _storage.Directory.GetSnapshotAsync();
        Assert.Empty(snapshot.People);
        Assert.Empty(snapshot.Areas);
    }
}
