using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation.Import;
using QaBot.Application.Organisation.Sync;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Graph;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Graph;

/// <summary>Directory sync: users read from the real Graph SDK over a fake Graph, mapped by rules, applied to Azurite.</summary>
[Trait("Category", "Storage")]
public sealed class DirectoryGraphSyncTests
{
    private const string UsersUrl = "https://graph.microsoft.com/v1.0/users";
    private const string NextPage = "https://graph.microsoft.com/v1.0/users?$skiptoken=page2";
    private static readonly AuditOrigin Origin = new("test", "graph directory sync");

    private static GraphSyncOptions Options()
    {
        var options = new GraphSyncOptions();
        var sync = options.DirectorySync;
        sync.Enabled = true;
        sync.UserFilter = "startswith(department,'Children')";
        sync.AreaRules.Add(new AreaRuleOptions { Department = @"Children's Services - Chesterfield Team (?<team>\d)", AreaPath = "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team ${team}" });
        sync.AreaRules.Add(new AreaRuleOptions { Department = "Children's Services - Social Care North", AreaPath = "Early Help & Safeguarding > Children's Social Care North" });
        AddRole(sync, "Team Manager", "team-manager", "all-staff");
        AddRole(sync, "Head of Service.*", "assistant-director-head-of-service", "head-of-service-early-help-safeguarding");
        AddRole(sync, "Social Worker", "all-staff");
        return options;
    }

    private static void AddRole(DirectorySyncOptions sync, string jobTitle, params string[] roles)
    {
        var rule = new RoleRuleOptions { JobTitle = jobTitle };
        foreach (var role in roles)
        {
            rule.Roles.Add(role);
        }

        sync.RoleRules.Add(rule);
    }

    private static string User(int n, string department, string jobTitle, bool enabled = true, int? manager = null)
    {
        var user = new JsonObject
        {
            ["id"] = Id(n).Value,
            ["userPrincipalName"] = $"user{n}@council.example",
            ["displayName"] = $"User {n}",
            ["jobTitle"] = jobTitle,
            ["department"] = department,
            ["accountEnabled"] = enabled,
            ["employeeHireDate"] = "2021-03-01T00:00:00Z",
        };
        if (manager is { } m)
        {
            user["manager"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = Id(m).Value };
        }

        return user.ToJsonString();
    }

    private static void Users(GraphFake fake, IReadOnlyList<string> page1, IReadOnlyList<string> page2)
    {
        fake.Answer(
            r => r.Uri.AbsoluteUri.StartsWith(UsersUrl, StringComparison.Ordinal) && !r.Uri.Query.Contains("skiptoken", StringComparison.Ordinal),
            _ => GraphFake.Json(HttpStatusCode.OK, $$"""{"@odata.nextLink":"{{NextPage}}","value":[{{string.Join(',', page1)}}]}"""));
        fake.Answer(
            r => r.Uri.Query.Contains("skiptoken=page2", StringComparison.Ordinal),
            _ => GraphFake.Json(HttpStatusCode.OK, $$"""{"value":[{{string.Join(',', page2)}}]}"""));
    }

    private static DirectorySync Sync(GraphTestCouncil council, GraphSyncOptions options)
    {
        var source = new GraphDirectorySource(() => council.Client, Microsoft.Extensions.Options.Options.Create(options));
        var importer = new DirectoryImporter(council.Storage.Directory, council.Storage.Tracking, council.Time);
        return new DirectorySync(source, council.Storage.Directory, importer, GraphTestCouncil.Catalogue, GraphTestCouncil.Calendar,
            OrganisationPolicy.Default, Microsoft.Extensions.Options.Options.Create(options), council.Time, NullLogger<DirectorySync>.Instance);
    }

    [Fact]
    public async Task RunAsync_TwoPages_ReadsEveryUserAndAddsThoseTheRulesPlace()
    {
        var fake = new GraphFake();
        Users(
            fake,
            [User(3, "Children's Services - Social Care North", "Head of Service, Locality Social Work"), User(4, "Children's Services - Chesterfield Team 1", "Team Manager", manager: 3)],
            [User(6, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 4), User(20, "Children's Services - Fleet", "Driver")]);
        await using var council = await GraphTestCouncil.CreateAsync(fake, seedPeople: false);

        var result = await Sync(council, Options()).RunAsync(dryRun: false, allowMassDeactivation: false, Origin);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(4, result.UsersRead);
        Assert.Equal(1, result.Mapping!.OutOfScope);
        Assert.Equal(3, result.Applied!.PeopleAdded);
        var first = fake.Sent[0];
        Assert.Equal("/v1.0/users", first.Uri.AbsolutePath);
        var query = Uri.UnescapeDataString(first.Uri.Query);
        Assert.Contains("$select=id,userPrincipalName,displayName,jobTitle,department,accountEnabled,employeeHireDate", query, StringComparison.Ordinal);
        Assert.Contains("$expand=manager($select=id)", query, StringComparison.Ordinal);
        Assert.Contains("$top=100", query, StringComparison.Ordinal);
        Assert.Contains("$filter=startswith(department,'Children')", query, StringComparison.Ordinal);
        Assert.Equal(NextPage, fake.Sent[1].Uri.AbsoluteUri);
        Assert.Equal(2, fake.Sent.Count);

        var worker = await council.Storage.Directory.GetPersonAsync(Id(6));
        Assert.Equal(ChesterfieldTeam1, worker!.HomeArea);
        Assert.Equal(Id(4), worker.LineManager);
        Assert.Equal(Person.Sources.Graph, worker.Source);
        Assert.Equal(new DateOnly(2021, 3, 1), worker.StartDate);
        var head = await council.Storage.Directory.GetPersonAsync(Id(3));
        Assert.Equal(["assistant-director-head-of-service", "head-of-service-early-help-safeguarding"], head!.CurrentRoles.Select(r => r.Role.Value).Order(StringComparer.Ordinal));
        Assert.Contains(await council.Storage.Directory.GetAuditTrailAsync(Id(6)), a => a.Actor == Actor.System("directory-sync") && a.Action == "added");
    }

    [Fact]
    public async Task RunAsync_UserDisabledOrGone_IsDeactivatedWithHistoryKept()
    {
        var fake = new GraphFake();
        Users(
            fake,
            [User(3, "Children's Services - Social Care North", "Head of Service"), User(4, "Children's Services - Chesterfield Team 1", "Team Manager", manager: 3)],
            [User(6, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 4), User(7, "Children's Services - Chesterfield Team 1", "Social Worker", manager: 4)]);
        await using var council = await GraphTestCouncil.CreateAsync(fake, seedPeople: false);
        var sync = Sync(council, Options());
        Assert.True((await sync.RunAsync(false, false, Origin)).Succeeded);

        Users(
            council.Fake,
            [User(3, "Children's Services - Social Care North", "Head of Service"), User(4, "Children's Services - Chesterfield Team 1", "Team Manager", manager: 3)],
            [User(6, "Children's Services - Chesterfield Team 1", "Social Worker", enabled: false, manager: 4)]);
        council.Time.Advance(TimeSpan.FromDays(3));

        var result = await sync.RunAsync(false, false, Origin);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(2, result.Applied!.PeopleDeactivated);
        foreach (var id in new[] { Id(6), Id(7) })
        {
            var left = await council.Storage.Directory.GetPersonAsync(id);
            Assert.False(left!.Active);
            Assert.Equal(new DateOnly(2026, 11, 23), left.LeftOn);
            Assert.All(left.Roles, r => Assert.Equal(new DateOnly(2026, 11, 23), r.End));
            Assert.Contains(await council.Storage.Directory.GetAuditTrailAsync(id), a => a.Action == "deactivated");
        }

        Assert.True((await council.Storage.Directory.GetPersonAsync(Id(4)))!.Active);
    }

    [Fact]
    public async Task RunAsync_RuleGivesAnAreaThatDoesNotExist_WritesNothingAndNamesTheUser()
    {
        var fake = new GraphFake();
        Users(fake, [User(4, "Children's Services - Chesterfield Team 7", "Team Manager")], [User(6, "Children's Services - Chesterfield Team 1", "Social Worker")]);
        await using var council = await GraphTestCouncil.CreateAsync(fake, seedPeople: false);

        var result = await Sync(council, Options()).RunAsync(false, false, Origin);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"user {Id(4)}, areaPath: unknown area", problem, StringComparison.Ordinal);
        Assert.Empty((await council.Storage.Directory.GetSnapshotAsync()).People);
    }

    [Fact]
    public async Task RunAsync_MostPeopleWouldLeave_RefusesUnlessAllowed()
    {
        var fake = new GraphFake();
        var everyone = Enumerable.Range(30, 12).Select(n => User(n, "Children's Services - Chesterfield Team 1", "Social Worker")).ToList();
        Users(fake, everyone, []);
        await using var council = await GraphTestCouncil.CreateAsync(fake, seedPeople: false);
        var sync = Sync(council, Options());
        Assert.True((await sync.RunAsync(false, false, Origin)).Succeeded);
        Users(council.Fake, [], []);

        var refused = await sync.RunAsync(false, false, Origin);
        var allowed = await sync.RunAsync(false, allowMassDeactivation: true, Origin);

        Assert.Contains("12 of the 12 people directory sync manages would be deactivated, more than the 5 allowed", refused.Refusal, StringComparison.Ordinal);
        Assert.Null(refused.Applied);
        Assert.Equal(12, allowed.Applied!.PeopleDeactivated);
    }
}
