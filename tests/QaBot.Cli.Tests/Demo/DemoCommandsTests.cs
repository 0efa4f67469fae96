using System.Text.Json;
using QaBot.Demo;

namespace QaBot.Cli.Tests.Demo;

[Trait("Category", "Storage")]
public sealed class DemoCommandsTests : IAsyncLifetime
{
    private readonly CliStorage _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _cli.DeleteTablesAsync();

    private async Task<JsonElement[]> ListJsonAsync(string area)
    {
        var (exit, output, error) = await _cli.RunAsync("people", "list", "--area", area, "--format", "json");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public async Task Seed_ThenListByArea_ListsEveryoneInTheSubtree()
    {
        var council = DemoCouncil.Create();

        var (exit, output, error) = await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");

        Assert.True(exit == 0, error);
        Assert.Contains($"People: {council.People.Count} added", output, StringComparison.Ordinal);
        Assert.Matches(@"History to 2026-11-20: (\d+) items \(\1 added\): \d+ done, \d+ rescheduled, \d+ not applicable, \d+ overdue, \d+ still to come\.", output);

        // Everyone but the team manager who has left (High Peak Team 2's post is vacant).
        var everyone = await ListJsonAsync("Children's Services");
        Assert.Equal(council.People.Count - 1, everyone.Length);

        var chesterfield = await ListJsonAsync("Locality: Chesterfield");
        var expected = council.People.Count(p => p.AreaPath.Contains("Locality: Chesterfield", StringComparison.Ordinal));
        Assert.Equal(expected, chesterfield.Length);
        Assert.Contains(chesterfield, p => p.GetProperty("objectId").GetString() == DemoCouncil.KeyPeople.TeamManagerChesterfield.Value);
        Assert.Contains(chesterfield, p => p.GetProperty("objectId").GetString() == DemoCouncil.KeyPeople.HeadOfServiceNorth.Value);

        var team = await ListJsonAsync("Early Help & Safeguarding > Locality: Chesterfield > Team 1");
        Assert.All(team, p => Assert.Contains(p.GetProperty("areas").EnumerateArray(), a => a.GetString()!.EndsWith("Locality: Chesterfield > Team 1", StringComparison.Ordinal)));
        Assert.InRange(team.Length, 7, 9);

        var (tableExit, table, _) = await _cli.RunAsync("people", "list", "--area", "Schools & Learning");
        Assert.Equal(0, tableExit);
        Assert.Contains("Tom Hadley", table, StringComparison.Ordinal);

        var cases = DemoCases.Create(council, new DateOnly(2026, 11, 20));
        Assert.Contains($"Cases: {cases.Count} events, {cases.Count} recorded, 0 already held.", output, StringComparison.Ordinal);
        var iro = cases[0].ResponsibleUpn;
        var (casesExit, caseList, casesError) = await _cli.RunAsync("cases", "list", "--person", iro);
        Assert.True(casesExit == 0, casesError);
        Assert.Contains(cases[0].CaseReference, caseList, StringComparison.Ordinal);
        Assert.Contains("cla-review", caseList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_Twice_SecondChangesNothing()
    {
        await _cli.RunAsync("demo", "seed");

        var (exit, output, _) = await _cli.RunAsync("demo", "seed");

        Assert.Equal(0, exit);
        Assert.Matches(@"History to 2026-11-20: \d+ items \(0 added\)", output);
        Assert.Matches(@"Cases: (\d+) events, 0 recorded, \1 already held\.", output);
        // The team manager who left (SeedWorkforceAsync) stays left.
        Assert.Contains($"People: 0 added, 0 changed, 0 returned, 0 deactivated, {DemoCouncil.Create().People.Count - 1} unchanged.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_PeopleChanging_SomeoneOnLeaveAnActingUpAndAVacantTeam()
    {
        var (exit, output, error) = await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        Assert.True(exit == 0, error);
        Assert.Matches(@"Workforce: Dan Mercer acting up for [^;]+; [^;]+ on leave, \d+ items moved; [^;]+ left, post vacant, \d+ items to Ian Whitworth", output);

        var (_, json, _) = await _cli.RunAsync("leave", "list", "--format", "json");
        var leave = JsonDocument.Parse(json).RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, leave.Length);
        Assert.Contains(leave, l => l.GetProperty("coverName").GetString() == "Dan Mercer" && l.GetProperty("from").GetString() == "2026-11-06" && l.GetProperty("to").GetString() == "2026-12-17");
        Assert.Contains(leave, l => l.GetProperty("cover").ValueKind == JsonValueKind.Null && l.GetProperty("from").GetString() == "2026-11-17" && l.GetProperty("to").GetString() == "2026-11-30");

        var highPeak = await ListJsonAsync("Locality: High Peak > Team 2");
        Assert.DoesNotContain(highPeak, p => p.GetProperty("jobTitle").GetString() == "Team Manager");
        Assert.All(highPeak, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("managerUpn").GetString())));
    }

    [Fact]
    public async Task Seed_BadDate_SaysWhatIsWrong()
    {
        var (exit, _, error) = await _cli.RunAsync("demo", "seed", "--as-of", "20/11/2026");

        Assert.Equal(1, exit);
        Assert.Contains("--as-of: '20/11/2026' is not a date in the form yyyy-MM-dd.", error, StringComparison.Ordinal);
    }
}
