using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation.Import;
using QaBot.Application.Organisation.Sync;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class DirectorySyncTests
{
    private const string Team = "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team ";
    private static readonly AuditOrigin Origin = new("test", "graph directory sync");
    private readonly Council _council = new();
    private readonly InMemoryDirectoryStore _directory = InMemoryDirectoryStore.With(Areas, []);
    private readonly GraphSyncOptions _options = new();
    private readonly List<DirectoryUser> _users = [];

    public DirectorySyncTests()
    {
        var sync = _options.DirectorySync;
        sync.Enabled = true;
        sync.AreaRules.Add(new AreaRuleOptions { Department = @"Children's Services - Chesterfield Team (?<team>\d)", AreaPath = Team + "${team}" });
        sync.AreaRules.Add(new AreaRuleOptions { Department = "Children's Services - Social Care North", AreaPath = "Early Help & Safeguarding > Children's Social Care North" });
        AddRole("Team Manager", "team-manager", "all-staff");
        AddRole("Head of Service.*", "assistant-director-head-of-service");
        AddRole("Social Worker", "all-staff");
    }

    private void AddRole(string jobTitle, params string[] roles)
    {
        var rule = new RoleRuleOptions { JobTitle = jobTitle };
        foreach (var role in roles)
        {
            rule.Roles.Add(role);
        }

        _options.DirectorySync.RoleRules.Add(rule);
    }

    private void User(int n, string department, string jobTitle, int? manager = null, bool enabled = true, DateOnly? hired = null) =>
        _users.Add(new DirectoryUser(Id(n).Value, $"user{n}@council.example", $"User {n}", jobTitle, department, enabled, manager is { } m ? Id(m).Value : null, hired));

    private void Department()
    {
        User(3, "Children's Services - Social Care North", "Head of Service");
        User(4, "Children's Services - Chesterfield Team 1", "Team Manager", manager: 3);
        User(6, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 4, hired: new DateOnly(2021, 3, 1));
        User(7, "Children's Services - Chesterfield Team 2", "Social Worker", manager: 4);
        User(8, "Children's Services - Chesterfield Team 2", "Social Worker", manager: 99);
        User(20, "Finance", "Accountant");
        User(21, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 4, enabled: false);
    }

    private DirectorySync Sync(InMemoryDirectoryStore? directory = null)
    {
        var store = directory ?? _directory;
        return new DirectorySync(
            new FixedSource(_users), store, new DirectoryImporter(store, _council.Tracking, _council.Time), ShippedFramework.Catalogue,
            ShippedFramework.Calendar, OrganisationPolicy.Default, Options.Create(_options), _council.Time, NullLogger<DirectorySync>.Instance);
    }

    private Task<DirectorySyncResult> RunAsync(bool dryRun = false, bool allowMassDeactivation = false, InMemoryDirectoryStore? directory = null) =>
        Sync(directory).RunAsync(dryRun, allowMassDeactivation, Origin);

    [Fact]
    public void Enabled_FollowsTheOption()
    {
        Assert.True(Sync().Enabled);
        _options.DirectorySync.Enabled = false;
        Assert.False(Sync().Enabled);
    }

    [Fact]
    public async Task RunAsync_ManagerDisabled_TheTeamKeepsTheVacantPostAndEscalatesToTheManagerAbove()
    {
        Department();
        await RunAsync();
        _users.RemoveAll(u => u.Id == Id(4).Value);
        User(4, "Children's Services - Chesterfield Team 1", "Team Manager", manager: 3, enabled: false);

        await RunAsync();

        // The team manager has left; the team still reports to the post, now vacant (docs/workforce.md).
        Assert.False((await _directory.GetPersonAsync(Id(4)))!.Active);
        Assert.Equal(Id(4), (await _directory.GetPersonAsync(Id(6)))!.LineManager);
        var chart = (await _directory.GetSnapshotAsync()).ToChart(OrganisationPolicy.Default);
        Assert.Equal(Id(3), chart.EscalationTarget(Id(6), Today)!.Id);
    }

    [Fact]
    public async Task RunAsync_SocialWorkerDisabled_TheirSupervisionItemsCloseAsLeft()
    {
        Department();
        await RunAsync();
        var manager = (await _directory.GetPersonAsync(Id(4)))!;
        var supervision = TestItems.Open("sup-6", Id(4), manager.HomeArea, new DateOnly(2026, 11, 30), "team-manager-supervision") with { Concerns = Id(6) };
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(supervision)], TestItems.Origin);
        _users.RemoveAll(u => u.Id == Id(6).Value);
        User(6, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 4, enabled: false);

        await RunAsync();

        var closed = (await _council.Tracking.GetAsync(supervision.Key))!;
        Assert.Equal((ItemStatus.ClosedOther, "left"), (closed.Status, closed.ClosedReason));
    }

    [Fact]
    public async Task RunAsync_Department_AddsPeoplePlacedByTheRulesAndSaysWhoWasLeftOut()
    {
        Department();

        var result = await RunAsync();

        Assert.True(result.Succeeded);
        Assert.Equal((7, 1, 1, 1), (result.UsersRead, result.Mapping!.OutOfScope, result.Mapping.Disabled, result.Mapping.ManagersOutside));
        Assert.Equal(5, result.Applied!.PeopleAdded);
        var worker = (await _directory.GetPersonAsync(Id(6)))!;
        Assert.Equal((ChesterfieldTeam1, (PersonId?)Id(4), Person.Sources.Graph, new DateOnly(2021, 3, 1)), (worker.HomeArea, worker.LineManager, worker.Source, worker.StartDate));
        Assert.Equal(ChesterfieldTeam2, (await _directory.GetPersonAsync(Id(7)))!.HomeArea);
        Assert.Null((await _directory.GetPersonAsync(Id(8)))!.LineManager);
        Assert.Null(await _directory.GetPersonAsync(Id(20)));
        Assert.Null(await _directory.GetPersonAsync(Id(21)));
        var manager = (await _directory.GetPersonAsync(Id(4)))!;
        Assert.Equal(["all-staff", "team-manager"], manager.CurrentRoles.Select(r => r.Role.Value).Order());
        Assert.All(manager.CurrentRoles, r => Assert.Equal(Council.Today, r.Start));
    }

    [Fact]
    public async Task RunAsync_DryRun_WorksOutTheChangesAndWritesNothing()
    {
        Department();

        var result = await RunAsync(dryRun: true);

        Assert.True(result.Succeeded);
        Assert.Null(result.Applied);
        Assert.Equal(5, result.Plan!.PersonChanges.Count);
        Assert.Empty((await _directory.GetSnapshotAsync()).People);
    }

    [Fact]
    public async Task RunAsync_RoleRuleNamingAnUnknownRole_StopsBeforeWritingAndNamesTheRule()
    {
        Department();
        AddRole("Social Worker", "wizard");

        var result = await RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("Graph:DirectorySync:RoleRules:3: unknown role 'wizard' (qabot framework show lists the role ids)", Assert.Single(result.Problems));
        Assert.Null(result.Plan);
        Assert.Empty((await _directory.GetSnapshotAsync()).People);
    }

    [Fact]
    public async Task RunAsync_UserPlacedInAnAreaThatDoesNotExist_IsReportedByTheirObjectId()
    {
        User(6, "Children's Services - Chesterfield Team 9", "Social Worker");

        var result = await RunAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith($"user {Id(6)}", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Empty((await _directory.GetSnapshotAsync()).People);
    }

    [Fact]
    public async Task RunAsync_TooManyLeaversAtOnce_IsRefusedUnlessAllowed()
    {
        for (var n = 30; n < 37; n++)
        {
            User(n, "Children's Services - Chesterfield Team 1", "Social Worker");
        }

        await RunAsync();
        _users.Clear();
        User(30, "Children's Services - Chesterfield Team 1", "Social Worker");

        var refused = await RunAsync();

        Assert.False(refused.Succeeded);
        Assert.Equal(
            "6 of the 7 people directory sync manages would be deactivated, more than the 5 allowed (Graph:DirectorySync:MaxDeactivationPercent is 10%). Check Graph:DirectorySync:UserFilter and the area rules; if so many really have left, run qabot graph sync-directory --allow-mass-deactivation.",
            refused.Refusal);
        Assert.True((await _directory.GetPersonAsync(Id(31)))!.Active);

        var allowed = await RunAsync(allowMassDeactivation: true);

        Assert.True(allowed.Succeeded);
        Assert.Equal(6, allowed.Applied!.PeopleDeactivated);
        Assert.False((await _directory.GetPersonAsync(Id(31)))!.Active);
    }

    [Fact]
    public async Task RunAsync_Promotion_NewRoleStartsTodayAndHeldRolesKeepTheirStart()
    {
        User(6, "Children's Services - Chesterfield Team 1", "Social Worker");
        await RunAsync();
        _council.Time.Advance(TimeSpan.FromDays(10));
        _users.Clear();
        User(6, "Children's Services - Chesterfield Team 1", "Team Manager");

        var result = await RunAsync();

        Assert.Equal(1, result.Applied!.PeopleUpdated);
        var roles = (await _directory.GetPersonAsync(Id(6)))!.CurrentRoles.ToDictionary(r => r.Role.Value, r => r.Start);
        Assert.Equal(Council.Today, roles["all-staff"]);
        Assert.Equal(Council.Today.AddDays(10), roles["team-manager"]);
        Assert.Equal(Council.Today, (await _directory.GetPersonAsync(Id(6)))!.StartDate);
    }

    [Fact]
    public async Task RunAsync_ManagerImportedFromTheCsvFile_IsKeptAsTheLineManager()
    {
        var directory = InMemoryDirectoryStore.With(Areas, People);
        User(40, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 4);

        var result = await RunAsync(directory: directory);

        Assert.True(result.Succeeded);
        Assert.Equal("person4@council.example", Assert.Single(result.Mapping!.Rows).ManagerUpn);
        Assert.Equal(Id(4), (await directory.GetPersonAsync(Id(40)))!.LineManager);
    }

    [Fact]
    public void Mapper_JobTitleAreaRuleAndMissingFields_PlaceByWhatIsGiven()
    {
        var options = new DirectorySyncOptions();
        options.AreaRules.Add(new AreaRuleOptions { JobTitle = "Councillor", AreaPath = "Members" });
        options.AreaRules.Add(new AreaRuleOptions { Department = "Schools", JobTitle = "(?<job>.+)", AreaPath = "Schools > ${job}" });
        var role = new RoleRuleOptions { Department = "Schools" };
        role.Roles.Add("all-staff");
        role.Roles.Add("all-staff");
        options.RoleRules.Add(role);
        var users = new[]
        {
            new DirectoryUser(Id(1).Value, "a@council.example", "A", "Councillor", null, true, null, null),
            new DirectoryUser(Id(2).Value, "b@council.example", "B", "SEND", "Schools", true, null, null),
            new DirectoryUser(Id(3).Value, "c@council.example", "C", null, "Schools", true, null, null),
        };

        var mapping = new DirectorySyncMapper(options).Map(users, new QaBot.Core.Organisation.DirectorySnapshot([], []), Council.Today);

        Assert.Equal(["Members", "Schools > SEND"], mapping.Rows.Select(r => r.AreaPath));
        Assert.Equal(["", "all-staff@2026-11-20"], mapping.Rows.Select(r => r.Roles));
        Assert.Equal((1, Id(2).Value), (mapping.OutOfScope, mapping.Users[2]));
    }

    [Fact]
    public void DirectorySyncResult_SucceedsOnlyWithoutProblemsRefusalOrConflicts()
    {
        var applied = new DirectoryImportResult();
        Assert.True(new DirectorySyncResult(0, null, null, [], null, null).Succeeded);
        Assert.True(new DirectorySyncResult(0, null, null, [], null, applied).Succeeded);
        Assert.False(new DirectorySyncResult(0, null, null, ["x"], null, null).Succeeded);
        Assert.False(new DirectorySyncResult(0, null, null, [], "too many", null).Succeeded);
        applied.Conflicts.Add("person changed");
        Assert.False(new DirectorySyncResult(0, null, null, [], null, applied).Succeeded);
    }

    private sealed class FixedSource(IReadOnlyList<DirectoryUser> users) : IDirectorySource
    {
        public Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken = default) => Task.FromResult(users);
    }
}
