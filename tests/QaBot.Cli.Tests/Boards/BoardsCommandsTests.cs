using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Organisation;
using QaBot.Composition;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing.Data;

namespace QaBot.Cli.Tests.Boards;

[Trait("Category", "Storage")]
public sealed class BoardsCommandsTests : IAsyncLifetime
{
    private const string Organiser = "qa.boards@demo-council.example";

    private readonly CliStorage _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _cli.DeleteTablesAsync();

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) =>
        _cli.RunWithAsync([new("Graph:OrganiserMailboxes:0", Organiser)], args);

    private async Task<JsonElement> PlanJsonAsync(params string[] extra)
    {
        var (exit, output, error) = await RunAsync(["boards", "plan", "--format", "json", .. extra]);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static JsonElement[] Meetings(JsonElement plan, string body) =>
        [.. plan.GetProperty("meetings").EnumerateArray().Where(m => m.GetProperty("body").GetString() == body)];

    private static string[] Addresses(JsonElement meeting) =>
        [.. meeting.GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("address").GetString()!.ToLowerInvariant())];

    private async Task<IReadOnlyList<string>> HeadsOfServiceAndDirectorsAsync()
    {
        var roles = new[] { "executive-director", "service-director", "assistant-director-head-of-service" };
        await using var services = StorageServices();
        var snapshot = await services.GetRequiredService<IDirectoryStore>().GetSnapshotAsync();
        var today = new DateOnly(2026, 11, 20);
        return [.. snapshot.People.Select(p => p.Value)
            .Where(p => p.Active && roles.Any(r => p.HoldsRole(new RoleId(r), today)))
            .Select(p => p.Upn.ToLowerInvariant())
            .Order(StringComparer.Ordinal)];
    }

    private ServiceProvider StorageServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(_cli.Settings));
        services.AddSingleton<TimeProvider>(_cli.Time);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Plan_DemoCouncil_QaBoardEveryTwoMonthsAndCmeOncePerHalfTerm()
    {
        var (seedExit, _, seedError) = await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        Assert.True(seedExit == 0, seedError);

        var plan = await PlanJsonAsync("--from", "2026-11-20", "--to", "2027-11-19");

        var board = Assert.Single(Meetings(plan, "qa-transformation-board"));
        Assert.Equal("create", board.GetProperty("action").GetString());
        Assert.Equal("QA & Transformation Board", board.GetProperty("subject").GetString());
        Assert.Equal("2027-01-05T10:00:00+00:00", board.GetProperty("start").GetString());
        Assert.Equal("2027-01-05T12:00:00+00:00", board.GetProperty("end").GetString());
        var recurrence = board.GetProperty("recurrence");
        Assert.Equal(2, recurrence.GetProperty("intervalMonths").GetInt32());
        Assert.Equal("first tuesday", recurrence.GetProperty("day").GetString());
        Assert.Equal(
            ["2027-01-05", "2027-03-02", "2027-05-04", "2027-07-06", "2027-09-07", "2027-11-02"],
            board.GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(Organiser, board.GetProperty("organiser").GetString());
        Assert.Equal(await HeadsOfServiceAndDirectorsAsync(), Addresses(board).Order(StringComparer.Ordinal));
        var chair = board.GetProperty("attendees")[0];
        Assert.True(chair.GetProperty("chair").GetBoolean());
        Assert.Equal(DemoCouncil.KeyPeople.ExecutiveDirector.Value, chair.GetProperty("objectId").GetString());

        var cme = Meetings(plan, "cme-line-of-sight");
        Assert.Equal(
            ["2027-01-20", "2027-03-10", "2027-04-28", "2027-06-23", "2027-09-22", "2027-11-17"],
            cme.Select(m => m.GetProperty("dates")[0].GetString()));
        Assert.All(cme, m => Assert.False(m.TryGetProperty("recurrence", out _)));
        Assert.All(cme, m => Assert.Equal("create", m.GetProperty("action").GetString()));
        Assert.Empty(plan.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Plan_SomeoneTakesUpAHeadOfServiceRole_TheBoardsAttendeesFollow()
    {
        await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        var before = Assert.Single(Meetings(await PlanJsonAsync(), "qa-transformation-board"));

        await using (var services = StorageServices())
        {
            var store = services.GetRequiredService<IDirectoryStore>();
            var snapshot = await store.GetSnapshotAsync();
            var manager = snapshot.People.Single(p => p.Value.Id == DemoCouncil.KeyPeople.TeamManagerChesterfield);
            var promoted = manager.Value with
            {
                Roles = [.. manager.Value.Roles, new RoleAssignment(new RoleId("assistant-director-head-of-service"), new DateOnly(2026, 11, 16))],
            };
            var audit = new AuditEntry(_cli.Time.GetUtcNow(), Actor.System("test"), "updated", "person:" + promoted.Id.Value, "roles", new AuditOrigin("test"));
            Assert.True((await store.SavePersonAsync(promoted, manager.Version, audit)).Saved);
        }

        var after = Assert.Single(Meetings(await PlanJsonAsync(), "qa-transformation-board"));

        var upn = (await HeadsOfServiceAndDirectorsAsync()).Except(Addresses(before)).Single();
        Assert.Contains(upn, Addresses(after));
        Assert.Equal(Addresses(before).Length + 1, Addresses(after).Length);
    }

    [Fact]
    public async Task Plan_TableFormat_ListsTheBoardAndWhatIsNotScheduled()
    {
        await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");

        var (exit, output, error) = await RunAsync("boards", "plan", "--to", "2027-03-31");

        Assert.True(exit == 0, error);
        Assert.Contains("Meetings plan, 20 November 2026 to 31 March 2027:", output, StringComparison.Ordinal);
        var board = Assert.Single(output.Split('\n'), l => l.Contains("QA & Transformation Board", StringComparison.Ordinal) && l.StartsWith("create", StringComparison.Ordinal));
        Assert.Contains("Tue 05/01/2027 10:00", board, StringComparison.Ordinal);
        Assert.Contains("every 2 months on the first tuesday", board, StringComparison.Ordinal);
        Assert.Contains("Not scheduled (", output, StringComparison.Ordinal);
        Assert.Contains("Corporate Parenting Board (corporate-parenting-board)", output, StringComparison.Ordinal);
        Assert.Contains("* Provisional", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BadDate_NamesTheOption()
    {
        var (exit, _, error) = await RunAsync("boards", "plan", "--from", "20/11/2026");

        Assert.Equal(1, exit);
        Assert.Contains("--from: '20/11/2026' is not a date in the form yyyy-MM-dd.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NoOrganiserMailbox_IsAProblemNamingTheSetting()
    {
        await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");

        var (exit, _, error) = await _cli.RunAsync("boards", "plan");

        Assert.Equal(1, exit);
        Assert.Contains("Graph:OrganiserMailboxes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShippedFile_HasNoProblems()
    {
        var (exit, output, error) = await RunAsync("boards", "validate");

        Assert.True(exit == 0, error);
        Assert.Contains("meeting schedules, no problems; nobody in two meetings at once", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_OneChairForFourLocalitiesAtOnce_NamesEachClashWithItsLineAndFails()
    {
        var (seedExit, _, seedError) = await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        Assert.True(seedExit == 0, seedError);
        var shipped = ShippedData.MeetingsFile;
        var edited = Path.Combine(Path.GetTempPath(), $"meetings-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(edited, (await File.ReadAllTextAsync(shipped)).Replace("      together: chair\n", string.Empty, StringComparison.Ordinal));
        try
        {
            var (exit, output, error) = await RunAsync("boards", "validate", "--file", edited);

            Assert.Equal(1, exit);
            Assert.Equal(string.Empty, output);
            Assert.Contains("Ian Whitworth", error, StringComparison.Ordinal);
            Assert.Contains("would be in two meetings at once", error, StringComparison.Ordinal);
            Assert.Contains(".time: ", error, StringComparison.Ordinal);
            Assert.Contains("Wed 6 Jan 2027", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(edited);
        }
    }

    [Fact]
    public async Task Sync_GraphNotConfigured_SaysWhatToSet()
    {
        var (exit, _, error) = await RunAsync("boards", "sync");

        Assert.Equal(1, exit);
        Assert.Contains("Microsoft Graph is not configured", error, StringComparison.Ordinal);
    }
}
