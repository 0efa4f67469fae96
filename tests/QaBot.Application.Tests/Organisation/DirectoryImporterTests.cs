using QaBot.Application.Organisation.Import;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class DirectoryImporterTests
{
    private const string Team1 = "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1";

    private static readonly string[] AreasFile =
    [
        "Children's Services|department",
        "Early Help & Safeguarding|division",
        "Early Help & Safeguarding > Children's Social Care North|service",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield|locality",
        $"{Team1}|team",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 2|team",
    ];

    private static readonly string[] Rows =
    [
        $"{Id(3)}|hos@council.example|Cal Head|Head of Service|head-of-service|Early Help & Safeguarding > Children's Social Care North||2022-09-05",
        $"{Id(4)}|tm@council.example|Dee Team|Team Manager|team-manager;all-staff|{Team1}|hos@council.example|2022-01-10",
        $"{Id(6)}|sw@council.example|Eve Worker|Social Worker|all-staff|{Team1}|tm@council.example|2024-02-12",
        $"{Id(7)}|sw2@council.example|Fay Worker|Social Worker|all-staff|{Team1}|tm@council.example|2024-02-12",
    ];

    private static readonly AuditOrigin Origin = new("cli", "people import people.csv");

    private readonly Council _council = new(withPeople: false);

    private async Task<DirectoryImportPlan> PlanAsync(string[] rows, string[]? areas = null) =>
        DirectoryImportPlanner.Plan(new DirectoryImportInput(
            "people.csv", ImportRows.People(rows), areas is null ? null : "areas.csv", areas is null ? null : ImportRows.Areas(areas), Roles,
            await _council.Directory.GetSnapshotAsync(), Person.Sources.CsvImport, Today, Policy));

    private Task<DirectoryImportResult> ApplyAsync(DirectoryImportPlan plan) =>
        new DirectoryImporter(_council.Directory, _council.Tracking, _council.Time).ApplyAsync(plan, Actor.System("import"), Origin);

    private async Task<DirectoryImportResult> ImportAsync(string[] rows, string[]? areas = null) => await ApplyAsync(await PlanAsync(rows, areas));

    [Fact]
    public async Task ApplyAsync_FirstImport_AddsEveryAreaAndPersonWithAnAuditEntry()
    {
        var result = await ImportAsync(Rows, AreasFile);

        Assert.Equal((6, 4, 0, 0, 0), (result.AreasAdded, result.PeopleAdded, result.PeopleUpdated, result.Unchanged, result.Conflicts.Count));
        var trail = Assert.Single(await _council.Directory.GetAuditTrailAsync(Id(6)));
        Assert.Equal(("added", "added", Origin), (trail.Action, trail.Detail, trail.Origin));
    }

    [Fact]
    public async Task ApplyAsync_SameFileTwice_ChangesNothing()
    {
        await ImportAsync(Rows, AreasFile);

        var again = await ImportAsync(Rows);

        Assert.Equal((0, 0, 4), (again.PeopleAdded, again.PeopleUpdated, again.Unchanged));
        Assert.Single(await _council.Directory.GetAuditTrailAsync(Id(7)));
    }

    [Fact]
    public async Task ApplyAsync_ChangedJobTitle_UpdatesThatPersonAndSaysWhatChanged()
    {
        await ImportAsync(Rows, AreasFile);
        var changed = Rows.ToArray();
        changed[3] = changed[3].Replace("Fay Worker|Social Worker", "Fay Worker|Senior Social Worker", StringComparison.Ordinal);

        var result = await ImportAsync(changed);

        Assert.Equal((1, 3), (result.PeopleUpdated, result.Unchanged));
        Assert.Equal("Senior Social Worker", (await _council.Directory.GetPersonAsync(Id(7)))!.JobTitle);
        var audit = (await _council.Directory.GetAuditTrailAsync(Id(7)))[^1];
        Assert.Equal("updated", audit.Action);
        Assert.StartsWith("updated: ", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_PersonLeaves_IsDeactivatedAndTheirOpenItemsGoToTheirManager()
    {
        await ImportAsync(Rows, AreasFile);
        var worker = (await _council.Directory.GetPersonAsync(Id(6)))!;
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(TestItems.Open("open", Id(6), worker.HomeArea, new DateOnly(2026, 11, 1)))], TestItems.Origin);

        var result = await ImportAsync(Rows.Where((_, i) => i != 2).ToArray());

        Assert.Equal((1, 1), (result.PeopleDeactivated, result.ItemsReassigned));
        Assert.False((await _council.Directory.GetPersonAsync(Id(6)))!.Active);
        var item = Assert.Single(await _council.Tracking.GetOpenItemsAsync((await _council.Directory.GetPersonAsync(Id(4)))!));
        Assert.Equal(("open", true, (PersonId?)Id(6)), (item.Id.Value, item.IsFlagged, item.ReassignedFrom));
        Assert.Equal("deactivated; open items to person:" + Id(4), (await _council.Directory.GetAuditTrailAsync(Id(6)))[^1].Detail);
    }

    [Fact]
    public async Task ApplyAsync_SuperviseeLeaves_ItemsAboutThemAreClosedAsLeftAndOthersStay()
    {
        await ImportAsync(Rows, AreasFile);
        var manager = (await _council.Directory.GetPersonAsync(Id(4)))!;
        var aboutLeaver = TestItems.Open("sup-6", Id(4), manager.HomeArea, new DateOnly(2026, 11, 30), "team-manager-supervision") with { Concerns = Id(6) };
        var aboutOther = TestItems.Open("sup-7", Id(4), manager.HomeArea, new DateOnly(2026, 11, 30), "team-manager-supervision") with { Concerns = Id(7) };
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(aboutLeaver), NewItem.Of(aboutOther)], TestItems.Origin);

        var result = await ImportAsync(Rows.Where((_, i) => i != 2).ToArray());

        Assert.Equal(1, result.ItemsClosedAsLeft);
        var closed = (await _council.Tracking.GetAsync(aboutLeaver.Key))!;
        Assert.Equal((ItemStatus.ClosedOther, "left"), (closed.Status, closed.ClosedReason));
        Assert.Equal("closed-left", (await _council.Tracking.GetAuditTrailAsync(aboutLeaver.Key))[^1].Action);
        Assert.Equal(ItemStatus.Open, (await _council.Tracking.GetAsync(aboutOther.Key))!.Status);
        Assert.Equal(QaBot.Core.Compliance.ComplianceOutcome.ClosedOther, QaBot.Core.Compliance.ComplianceEntry.Of(closed).Outcome);
        Assert.Equal("left", QaBot.Core.Compliance.ComplianceEntry.Of(closed).Reason);
    }

    [Fact]
    public async Task ApplyAsync_Leaver_TheirProgrammeEntriesCloseAsLeft_TheirOtherItemsGoToTheirManager()
    {
        await ImportAsync(Rows, AreasFile);
        var leaver = (await _council.Directory.GetPersonAsync(Id(6)))!;
        var duty = "exec-director-front-line-visits";
        var planned = TestItems.Open(QaBot.Core.Assurance.Programme.ItemFor(new QaBot.Core.Assurance.ProgrammeKey(Id(6), new QaBot.Core.Framework.DutyId(duty), 2027), 1).Value, Id(6), leaver.HomeArea, new DateOnly(2027, 3, 31), duty);
        var other = TestItems.Open("participation-6", Id(6), leaver.HomeArea, new DateOnly(2026, 11, 30), "staff-supervision-participation");
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(planned), NewItem.Of(other)], TestItems.Origin);

        var result = await ImportAsync(Rows.Where((_, i) => i != 2).ToArray());

        Assert.Equal(1, result.ItemsClosedAsLeft);
        Assert.Equal((ItemStatus.ClosedOther, "left"), ((await _council.Tracking.GetAsync(planned.Key))!.Status, (await _council.Tracking.GetAsync(planned.Key))!.ClosedReason));
        Assert.Equal(1, result.ItemsReassigned);
        Assert.Equal(Id(4), (await _council.Tracking.GetAsync(other.Key))!.Owner);
    }

    [Fact]
    public async Task ApplyAsync_LeaverWithoutAManager_IsDeactivatedWithNoTransfer()
    {
        await ImportAsync(Rows, AreasFile);

        var rows = Rows.Skip(1).ToArray();
        rows[0] = rows[0].Replace("|hos@council.example|", "||", StringComparison.Ordinal);

        var result = await ImportAsync(rows);

        Assert.Equal((1, 0), (result.PeopleDeactivated, result.ItemsReassigned));
        Assert.Equal("deactivated", (await _council.Directory.GetAuditTrailAsync(Id(3)))[^1].Detail);
    }

    [Fact]
    public async Task ApplyAsync_LeaverComesBack_IsReactivated()
    {
        await ImportAsync(Rows, AreasFile);
        await ImportAsync(Rows.Where((_, i) => i != 2).ToArray());

        var result = await ImportAsync(Rows);

        Assert.Equal(1, result.PeopleReactivated);
        Assert.True((await _council.Directory.GetPersonAsync(Id(6)))!.Active);
    }

    [Fact]
    public async Task ApplyAsync_PersonMovesTeam_TheirItemsFollowThem()
    {
        await ImportAsync(Rows, AreasFile);
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(TestItems.Open("mine", Id(7), ChesterfieldTeam1, new DateOnly(2026, 11, 1)))], TestItems.Origin);
        var moved = Rows.ToArray();
        moved[3] = moved[3].Replace("Team 1", "Team 2", StringComparison.Ordinal);

        var result = await ImportAsync(moved);

        Assert.Equal(1, result.ItemsMoved);
        Assert.Equal(["mine"], (await _council.Tracking.GetOutstandingAsync(ChesterfieldTeam2, Today)).Select(i => i.Id.Value));
        Assert.Empty(await _council.Tracking.GetOutstandingAsync(ChesterfieldTeam1, Today));
    }

    [Fact]
    public async Task ApplyAsync_AreaLeftOutOfTheAreasFile_IsRetiredAfterThePeople()
    {
        await ImportAsync(Rows, AreasFile);

        var result = await ImportAsync(Rows, AreasFile[..^1]);

        Assert.Equal(1, result.AreasRetired);
    }

    [Fact]
    public async Task ApplyAsync_PersonChangedBySomeoneElseAfterThePlan_IsReportedNotOverwritten()
    {
        await ImportAsync(Rows, AreasFile);
        var changed = Rows.ToArray();
        changed[3] = changed[3].Replace("Fay Worker", "Fay Worker-Smith", StringComparison.Ordinal);
        var plan = await PlanAsync(changed);
        var meanwhile = (await _council.Directory.GetPersonAsync(Id(7)))! with { JobTitle = "Changed meanwhile" };
        _council.Save(meanwhile);

        var result = await ApplyAsync(plan);

        Assert.Equal($"person {Id(7)} was changed by someone else during the import; run the import again", Assert.Single(result.Conflicts));
        Assert.Equal(0, result.PeopleUpdated);
        Assert.Equal("Changed meanwhile", (await _council.Directory.GetPersonAsync(Id(7)))!.JobTitle);
    }

    [Fact]
    public async Task ApplyAsync_AreaChangedBySomeoneElseAfterThePlan_IsReported()
    {
        var plan = await PlanAsync(Rows, AreasFile);
        await ImportAsync(Rows, AreasFile);

        var result = await ApplyAsync(plan);

        Assert.Contains($"area {Department} was changed by someone else during the import; run the import again", result.Conflicts);
        Assert.Equal((0, 10), (result.AreasAdded, result.Conflicts.Count));
    }

    [Fact]
    public async Task ApplyAsync_PlanWithProblems_IsRefused()
    {
        var plan = await PlanAsync([.. Rows, $"{Id(8)}|new@council.example|New Person|Social Worker|all-staff|{Team1} > Team 9|tm@council.example|2025-01-01"], AreasFile);

        Assert.False(plan.IsValid);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ApplyAsync(plan));
        Assert.Equal("An import with problems must not be applied.", error.Message);
        Assert.Empty((await _council.Directory.GetSnapshotAsync()).People);
    }

    [Fact]
    public async Task ApplyAsync_NullPlan_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => ApplyAsync(null!));
    }
}
