using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Organisation.Import;

[Trait("Category", "Fast")]
public sealed class DirectoryImportPlannerTests
{
    private static readonly string[] AreasFile =
    [
        "Children's Services|department",
        "Early Help & Safeguarding|division",
        "Early Help & Safeguarding > Children's Social Care North|service",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield|locality",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1|team",
        "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 2|team",
        "Schools & Learning|division",
    ];

    private static readonly string[] StandardRows =
    [
        $"{Id(1)}|ed@council.example|Alex Director|Executive Director|executive-director|Children's Services||2020-01-06",
        $"{Id(2)}|ehs@council.example|Bea Shaw|Director, Early Help & Safeguarding|service-director|Early Help & Safeguarding|ed@council.example|2021-03-01",
        $"{Id(3)}|hos@council.example|Cal Head|Head of Service|head-of-service|Early Help & Safeguarding > Children's Social Care North|ehs@council.example|2022-09-05",
        $"{Id(4)}|tm@council.example|Dee Team|Team Manager|team-manager@2023-05-01;all-staff|Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1|hos@council.example|2022-01-10",
        $"{Id(6)}|sw@council.example|Eve Worker|Social Worker|all-staff|Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1|tm@council.example|2024-02-12",
    ];

    private static IReadOnlyList<PersonRow> People(params string[] rows) => ImportRows.People(rows);

    private static DirectoryImportPlan Plan(IReadOnlyList<PersonRow> people, string[]? areas = null, DirectorySnapshot? current = null, bool noAreas = false)
    {
        areas = noAreas ? null : areas ?? AreasFile;
        return DirectoryImportPlanner.Plan(new DirectoryImportInput(
            "people.csv", people, areas is null ? null : "areas.csv", areas is null ? null : ImportRows.Areas(areas), Roles, current ?? DirectorySnapshot.Empty, QaBot.Core.Organisation.Person.Sources.CsvImport, Today, Policy));
    }

    /// <summary>The directory as it would be stored after applying a plan.</summary>
    private static DirectorySnapshot After(DirectoryImportPlan plan) => new(
        plan.Desired!.Areas.AllIncludingRetired.Select(a => new Versioned<Area>(a, "v1")).ToList(),
        plan.Desired.People.Select(p => new Versioned<QaBot.Core.Organisation.Person>(p, "v1")).ToList());

    [Fact]
    public void Plan_ValidFilesIntoEmptyDirectory_AddsEveryAreaAndPerson()
    {
        var plan = Plan(People(StandardRows));

        Assert.Empty(plan.Problems);
        Assert.Equal(7, plan.AreaChanges.Count(c => c.Kind == ChangeKind.Added));
        Assert.Equal(5, plan.PersonChanges.Count(c => c.Kind == ChangeKind.Added));
        var director = plan.PersonChanges.Single(c => c.After.Id == Id(2)).After;
        Assert.Equal("Director, Early Help & Safeguarding", director.JobTitle);
        Assert.Equal(Id(1), director.LineManager);
        var manager = plan.PersonChanges.Single(c => c.After.Id == Id(4)).After;
        Assert.Contains(manager.Roles, r => r.Role == TeamManager && r.Start == new DateOnly(2023, 5, 1));
        Assert.Contains(manager.Roles, r => r.Role == AllStaff && r.Start == new DateOnly(2022, 1, 10));
    }

    [Fact]
    public void Plan_SameFilesAgain_ChangesNothing()
    {
        var first = Plan(People(StandardRows));

        var second = Plan(People(StandardRows), AreasFile, After(first));

        Assert.Empty(second.Problems);
        Assert.False(second.HasChanges);
        Assert.Equal(5, second.UnchangedPeople);
    }

    [Fact]
    public void Plan_OneRowChanged_UpdatesOnlyThatPersonAndKeepsRoleHistory()
    {
        var first = Plan(People(StandardRows));
        var changed = StandardRows.ToArray();
        changed[4] = $"{Id(6)}|sw@council.example|Eve Worker|Senior Practitioner|team-manager@2026-11-01|Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 2|hos@council.example|2024-02-12";

        var second = Plan(People(changed), AreasFile, After(first));

        var change = Assert.Single(second.PersonChanges);
        Assert.Equal(ChangeKind.Updated, change.Kind);
        Assert.Equal(["jobTitle", "areaPath", "roles", "managerUpn"], change.What);
        Assert.True(change.HomeAreaChanged);
        Assert.Contains(change.After.Roles, r => r.Role == AllStaff && r.End == Today);
        Assert.Contains(change.After.Roles, r => r.Role == TeamManager && r.IsCurrent);
        Assert.Empty(second.AreaChanges);
    }

    [Fact]
    public void Plan_PersonNoLongerInFile_IsDeactivatedAndTheirItemsGoToTheirManager()
    {
        var first = Plan(People(StandardRows));

        var second = Plan(People(StandardRows[..4]), AreasFile, After(first));

        var change = Assert.Single(second.PersonChanges);
        Assert.Equal(ChangeKind.Deactivated, change.Kind);
        Assert.False(change.After.Active);
        Assert.Equal(Today, change.After.LeftOn);
        Assert.All(change.After.Roles, r => Assert.Equal(Today, r.End));
        Assert.Equal(Id(4), change.ItemsGoTo?.Id);
    }

    [Fact]
    public void Plan_TeamManagerLeaves_TheirItemsGoToTheirManager_AndTheirTeamEscalatesAbove()
    {
        var first = Plan(People(StandardRows));
        var rows = StandardRows.Where((_, i) => i != 3).Select(r => r.Replace("|tm@council.example|", "||", StringComparison.Ordinal)).ToArray();

        var second = Plan(People(rows), AreasFile, After(first));

        var leaver = second.PersonChanges.Single(c => c.Kind == ChangeKind.Deactivated);
        Assert.Equal(Id(3), leaver.ItemsGoTo?.Id);
        Assert.Equal(Id(3), second.Desired!.EscalationTarget(Id(6), Today)?.Id);
    }

    [Fact]
    public void Plan_PersonComesBack_IsReactivated()
    {
        var first = Plan(People(StandardRows));
        var gone = Plan(People(StandardRows[..4]), AreasFile, After(first));

        var back = Plan(People(StandardRows), AreasFile, After(gone));

        Assert.Equal(ChangeKind.Reactivated, Assert.Single(back.PersonChanges).Kind);
    }

    [Fact]
    public void Plan_OneBadRow_ReportsItAndChangesNothing()
    {
        var rows = StandardRows.Append($"{Id(7)}|new@council.example|New Person|Social Worker|all-staf|Early Help & Safeguarding|tm@council.example|2025-01-01").ToArray();

        var plan = Plan(People(rows));

        var problem = Assert.Single(plan.Problems);
        Assert.Equal(7, problem.Line);
        Assert.Equal("roles", problem.Field);
        Assert.Equal("people.csv line 7, roles: unknown role 'all-staf' (did you mean 'all-staff'?)", problem.ToString());
        Assert.False(plan.IsValid);
        Assert.Empty(plan.PersonChanges);
        Assert.Empty(plan.AreaChanges);
    }

    [Fact]
    public void Plan_ManyProblems_ReportsEachWithItsLineAndField()
    {
        var rows = new[]
        {
            StandardRows[0],
            $"not-a-guid|a@council.example|A|Job|all-staff|Schools & Learning||2025-01-01",
            $"{Id(20)}|b@council.example|B|Job|all-staff|Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfeld||2025-01-01",
            $"{Id(21)}|c@council.example|C|Job|all-staff|Schools & Learning|nobody@council.example|2025-01-01",
            $"{Id(1)}|d@council.example|D|Job|all-staff|Schools & Learning||2025-01-01",
            $"{Id(22)}|ED@council.example|E|Job|all-staff|Schools & Learning||2025-01-01",
            $"{Id(23)}|f@council.example|F|Job|all-staff|Schools & Learning||01/02/2025",
            $"{Id(25)}|h@council.example||Job|all-staff@2025-13-01|||2025-01-01",
        };

        var plan = Plan(People(rows));

        var found = plan.Problems.Select(p => (p.Line, p.Field)).ToList();
        Assert.Contains((3, "objectId"), found);
        Assert.Contains((4, "areaPath"), found);
        Assert.Contains(plan.Problems, p => p.Line == 4 && p.Message.Contains("did you mean", StringComparison.Ordinal) && p.Message.Contains("Locality: Chesterfield", StringComparison.Ordinal));
        Assert.Contains((5, "managerUpn"), found);
        Assert.Contains(plan.Problems, p => p.Line == 6 && p.Field == "objectId" && p.Message.Contains("already on line 2", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p.Line == 7 && p.Field == "upn" && p.Message.Contains("already on line 2", StringComparison.Ordinal));
        Assert.Contains((8, "startDate"), found);
        Assert.Contains((9, "displayName"), found);
        Assert.Contains((9, "roles"), found);
        Assert.Contains((9, "areaPath"), found);
        Assert.Empty(plan.PersonChanges);
    }

    [Fact]
    public void Plan_ManagersInACircle_IsAProblem()
    {
        var rows = new[]
        {
            $"{Id(1)}|a@council.example|A|Job|all-staff|Schools & Learning|b@council.example|2025-01-01",
            $"{Id(2)}|b@council.example|B|Job|all-staff|Schools & Learning|a@council.example|2025-01-01",
        };

        var problem = Assert.Single(Plan(People(rows)).Problems);

        Assert.Equal("managerUpn", problem.Field);
        Assert.Contains("lines 2, 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ManagerFromAnotherSourceInTheDirectory_IsAccepted()
    {
        var chief = TestDirectory.NewPerson(30, Department, null, ExecutiveDirector) with { Upn = "chief@council.example", Source = QaBot.Core.Organisation.Person.Sources.Graph };
        var first = Plan(People(StandardRows));
        var current = After(first) with { People = [.. After(first).People, new Versioned<QaBot.Core.Organisation.Person>(chief, "v1")] };
        var rows = StandardRows.ToArray();
        rows[0] = rows[0].Replace("||2020-01-06", "|chief@council.example|2020-01-06", StringComparison.Ordinal);

        var plan = Plan(People(rows), AreasFile, current);

        Assert.Empty(plan.Problems);
        Assert.Equal(chief.Id, Assert.Single(plan.PersonChanges).After.LineManager);
    }

    [Fact]
    public void Plan_NoAreasStoredAndNoAreasFile_AsksForTheAreasFile()
    {
        var problem = Assert.Single(Plan(People(StandardRows), noAreas: true).Problems);

        Assert.Contains("--areas", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AreasFileMistakes_AreReportedByLine()
    {
        string[] areas =
        [
            "Children's Services|department",
            "Somewhere Else|department",
            "Early Help & Safeguarding > Missing Service > Team 9|team",
            "Early Help & Safeguarding|division",
            "Early Help & Safeguarding > Locality: Erewash|locality",
            "Early Help & Safeguarding > Locality: Erewash > Big Service|service",
            "Early Help & Safeguarding > Locality Erewash|team",
            "Schools & Learning|faculty",
        ];

        var plan = Plan(People(StandardRows[0]), areas);

        var found = plan.Problems.Where(p => p.File == "areas.csv").Select(p => (p.Line, p.Field)).ToList();
        Assert.Contains((3, "kind"), found);
        Assert.Contains((4, "path"), found);
        Assert.Contains((7, "kind"), found);
        Assert.Contains((8, "path"), found);
        Assert.Contains((9, "kind"), found);
    }

    [Fact]
    public void Plan_AreaLeftOutOfTheAreasFile_IsRetired()
    {
        var first = Plan(People(StandardRows));
        var withoutTeam2 = AreasFile.Where(l => !l.Contains("Team 2", StringComparison.Ordinal)).ToArray();

        var second = Plan(People(StandardRows), withoutTeam2, After(first));

        var change = Assert.Single(second.AreaChanges);
        Assert.Equal(ChangeKind.Retired, change.Kind);
        Assert.Equal(ChesterfieldTeam2, change.After.Id);
    }
}
