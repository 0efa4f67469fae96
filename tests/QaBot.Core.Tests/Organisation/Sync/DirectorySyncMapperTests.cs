using QaBot.Application.Configuration;
using QaBot.Application.Organisation.Sync;
using QaBot.Core.Organisation;
using QaBot.Testing.Organisation;

namespace QaBot.Core.Tests.Organisation.Sync;

[Trait("Category", "Fast")]
public sealed class DirectorySyncMapperTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static DirectorySyncOptions Rules()
    {
        var options = new DirectorySyncOptions { Enabled = true };
        options.AreaRules.Add(new AreaRuleOptions { Department = @"Children's Services - (?<locality>Chesterfield|Bolsover) Team (?<team>\d)", AreaPath = "Early Help & Safeguarding > Children's Social Care North > Locality: ${locality} > Team ${team}" });
        options.AreaRules.Add(new AreaRuleOptions { Department = "Children's Services", JobTitle = "Executive Director.*", AreaPath = "Children's Services" });
        var manager = new RoleRuleOptions { JobTitle = "Team Manager" };
        manager.Roles.Add("team-manager");
        options.RoleRules.Add(manager);
        var staff = new RoleRuleOptions { Department = "Children's Services.*" };
        staff.Roles.Add("all-staff");
        options.RoleRules.Add(staff);
        var director = new RoleRuleOptions { JobTitle = "Executive Director.*" };
        director.Roles.Add("executive-director");
        options.RoleRules.Add(director);
        return options;
    }

    private static DirectoryUser User(int n, string? department, string? jobTitle, bool enabled = true, int? manager = null, DateOnly? hired = null) =>
        new(TestDirectory.Id(n).Value, $"user{n}@council.example", $"User {n}", jobTitle, department, enabled, manager is { } m ? TestDirectory.Id(m).Value : null, hired);

    [Fact]
    public void Map_DepartmentPatternWithGroups_PlacesPeopleAndGivesRoles()
    {
        var users = new[]
        {
            User(1, "Children's Services", "Executive Director of Children's Services", hired: new DateOnly(2019, 5, 1)),
            User(2, "Children's Services - Chesterfield Team 2", "Team Manager", manager: 1),
            User(3, "Children's Services - Bolsover Team 1", "Social Worker", manager: 2),
        };

        var mapping = new DirectorySyncMapper(Rules()).Map(users, DirectorySnapshot.Empty, Today);

        Assert.Equal(3, mapping.Rows.Count);
        Assert.Equal("Children's Services", mapping.Rows[0].AreaPath);
        Assert.Equal("executive-director@2019-05-01;all-staff@2019-05-01".Split(';').Order(), mapping.Rows[0].Roles.Split(';').Order());
        Assert.Equal("2019-05-01", mapping.Rows[0].StartDate);
        Assert.Equal("Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 2", mapping.Rows[1].AreaPath);
        Assert.Equal("team-manager@2026-11-20;all-staff@2026-11-20", mapping.Rows[1].Roles);
        Assert.Equal("user1@council.example", mapping.Rows[1].ManagerUpn);
        Assert.Equal("Early Help & Safeguarding > Children's Social Care North > Locality: Bolsover > Team 1", mapping.Rows[2].AreaPath);
        Assert.Equal("all-staff@2026-11-20", mapping.Rows[2].Roles);
        Assert.Equal(TestDirectory.Id(3).Value, mapping.Users[3]);
    }

    [Fact]
    public void Map_DisabledAndOutsideTheDepartment_AreLeftOutAndCounted()
    {
        var users = new[]
        {
            User(1, "Children's Services - Chesterfield Team 1", "Social Worker", enabled: false),
            User(2, "Highways", "Engineer"),
            User(3, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 99),
        };

        var mapping = new DirectorySyncMapper(Rules()).Map(users, DirectorySnapshot.Empty, Today);

        Assert.Equal(1, mapping.Disabled);
        Assert.Equal(1, mapping.OutOfScope);
        var row = Assert.Single(mapping.Rows);
        Assert.Equal(TestDirectory.Id(3).Value, row.ObjectId);
        Assert.Equal(string.Empty, row.ManagerUpn);
        Assert.Equal(1, mapping.ManagersOutside);
    }

    [Fact]
    public void Map_RolesAlreadyHeld_KeepTheirStartAndNewRolesStartToday()
    {
        var stored = TestDirectory.NewPerson(2, TestDirectory.ChesterfieldTeam2, null, TestDirectory.AllStaff) with { Source = Person.Sources.Graph };
        var snapshot = new DirectorySnapshot([], [new Versioned<Person>(stored, "v1")]);
        var users = new[] { User(2, "Children's Services - Chesterfield Team 2", "Team Manager") };

        var mapping = new DirectorySyncMapper(Rules()).Map(users, snapshot, Today);

        var row = Assert.Single(mapping.Rows);
        Assert.Equal("team-manager@2026-11-20;all-staff@2024-04-01", row.Roles);
        Assert.Equal("2024-04-01", row.StartDate);
    }

    [Fact]
    public void Validate_BadPatternAndMissingAreaPath_NameTheKeys()
    {
        var options = new DirectorySyncOptions();
        options.AreaRules.Add(new AreaRuleOptions { Department = "Children's (Services" });
        options.RoleRules.Add(new RoleRuleOptions { JobTitle = "Team Manager" });

        var problems = options.Validate().Select(v => v.ErrorMessage!).ToList();

        Assert.Contains(problems, p => p.StartsWith("Graph:DirectorySync:AreaRules:0:AreaPath: required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Graph:DirectorySync:AreaRules:0:Department: 'Children's (Services' is not a valid pattern", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Graph:DirectorySync:RoleRules:0:Roles: list the framework role ids", StringComparison.Ordinal));
    }

    [Fact]
    public void Pattern_MatchesTheWholeValueIgnoringCase()
    {
        var pattern = DirectorySyncOptions.Pattern("team manager");

        Assert.Matches(pattern, "Team Manager");
        Assert.DoesNotMatch(pattern, "Assistant Team Manager");
    }
}
