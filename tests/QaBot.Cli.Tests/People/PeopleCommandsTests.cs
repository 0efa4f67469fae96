using System.Text;
using System.Text.Json;
using QaBot.Testing;

namespace QaBot.Cli.Tests.People;

[Trait("Category", "Storage")]
public sealed class PeopleCommandsTests : IAsyncLifetime
{
    private static readonly string ExamplePeople = RepositoryRoot.Combine("docs", "examples", "people.csv");
    private static readonly string ExampleAreas = RepositoryRoot.Combine("docs", "examples", "areas.csv");

    private readonly CliStorage _cli = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-people-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _cli.DeleteTablesAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static string[] ExampleLines() => File.ReadAllLines(ExamplePeople);

    private async Task<JsonElement[]> ListJsonAsync(string area)
    {
        var (exit, output, error) = await _cli.RunAsync("people", "list", "--area", area, "--format", "json");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public async Task Import_ExampleFiles_ImportsEveryoneAndASecondRunChangesNothing()
    {
        var (exit, output, error) = await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas);

        Assert.True(exit == 0, error);
        Assert.Contains("people.csv: 16 people checked, no problems.", output, StringComparison.Ordinal);
        Assert.Contains("Areas: 12 added", output, StringComparison.Ordinal);
        Assert.Contains("People: 16 added, 0 changed, 0 returned, 0 deactivated, 0 unchanged.", output, StringComparison.Ordinal);

        var (again, againOutput, _) = await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas);

        Assert.Equal(0, again);
        Assert.Contains("Nothing to change: the directory already matches the file (16 people).", againOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FileWithOneBadRow_ReportsTheLineAndWritesNothing()
    {
        var lines = ExampleLines().ToList();
        lines[5] = lines[5].Replace("all-staff", "all-staf", StringComparison.Ordinal);
        var path = Write("people.csv", string.Join('\n', lines));

        var (exit, output, error) = await _cli.RunAsync("people", "import", path, "--areas", ExampleAreas);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("people.csv line 6, roles: unknown role 'all-staf' (did you mean 'all-staff'?)", error, StringComparison.Ordinal);
        Assert.Contains("1 problem: nothing was imported.", error, StringComparison.Ordinal);
        var (listExit, _, listError) = await _cli.RunAsync("people", "list", "--area", "Children's Services");
        Assert.Equal(1, listExit);
        Assert.Contains("No areas are stored yet", listError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownAreaAndMissingManager_ReportsEachWithLineAndField()
    {
        var lines = ExampleLines().ToList();
        lines[4] = lines[4].Replace("Locality: Chesterfield > Team 1", "Locality: Chesterfeld > Team 1", StringComparison.Ordinal);
        lines[10] = lines[10].Replace("l.booth@council.example", "nobody@council.example", StringComparison.Ordinal);
        var path = Write("people.csv", string.Join('\n', lines));

        var (exit, _, error) = await _cli.RunAsync("people", "import", path, "--areas", ExampleAreas);

        Assert.Equal(1, exit);
        Assert.Contains("people.csv line 5, areaPath: unknown area 'Early Help & Safeguarding > Locality: Chesterfeld > Team 1' (did you mean 'Children's Services > Early Help & Safeguarding > Locality: Chesterfield > Team 1'?)", error, StringComparison.Ordinal);
        Assert.Contains("people.csv line 11, managerUpn: manager 'nobody@council.example' is not in the file or the directory", error, StringComparison.Ordinal);
        Assert.Contains("2 problems: nothing was imported.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ChangedFile_AppliesOnlyTheDifference()
    {
        await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas);
        var lines = ExampleLines();
        lines[5] = lines[5].Replace("Priya Nolan,Social Worker", "Priya Nolan,Senior Social Worker", StringComparison.Ordinal);

        var (exit, output, error) = await _cli.RunAsync("people", "import", Write("people.csv", string.Join('\n', lines)));

        Assert.True(exit == 0, error);
        Assert.Contains("People: 0 added, 1 changed, 0 returned, 0 deactivated, 15 unchanged.", output, StringComparison.Ordinal);
        var priya = (await ListJsonAsync("Locality: Chesterfield > Team 1")).Single(p => p.GetProperty("upn").GetString() == "p.nolan@council.example");
        Assert.Equal("Senior Social Worker", priya.GetProperty("jobTitle").GetString());
    }

    [Fact]
    public async Task Import_PersonLeftOut_IsDeactivatedAndNoLongerListed()
    {
        await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas);
        var lines = ExampleLines().Where(l => !l.Contains("p.nolan@", StringComparison.Ordinal));

        var (exit, output, error) = await _cli.RunAsync("people", "import", Write("people.csv", string.Join('\n', lines)));

        Assert.True(exit == 0, error);
        Assert.Contains("1 deactivated", output, StringComparison.Ordinal);
        var team = await ListJsonAsync("Early Help & Safeguarding > Locality: Chesterfield > Team 1");
        Assert.DoesNotContain(team, p => p.GetProperty("upn").GetString() == "p.nolan@council.example");
        Assert.Equal(2, team.Length);
    }

    [Fact]
    public async Task Import_DryRun_ShowsTheChangesAndWritesNothing()
    {
        var (exit, output, _) = await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("+ Priya Nolan <p.nolan@council.example> Children's Services > Early Help & Safeguarding > Locality: Chesterfield > Team 1", output, StringComparison.Ordinal);
        Assert.Contains("Nothing written (--dry-run).", output, StringComparison.Ordinal);
        var (listExit, _, _) = await _cli.RunAsync("people", "list", "--area", "Children's Services");
        Assert.Equal(1, listExit);
    }

    [Fact]
    public async Task Import_FileNotUtf8_NamesTheLine()
    {
        var bytes = File.ReadAllBytes(ExamplePeople).ToList();
        var thirdLine = bytes.Select((b, i) => (b, i)).Where(x => x.b == (byte)'\n').Skip(1).First().i + 1;
        bytes.Insert(thirdLine + 40, 0xE9);
        var path = Path.Combine(_folder, "latin1.csv");
        File.WriteAllBytes(path, [.. bytes]);

        var (exit, _, error) = await _cli.RunAsync("people", "import", path, "--areas", ExampleAreas);

        Assert.Equal(1, exit);
        Assert.Contains("latin1.csv line 3: the file is not valid UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_SaysSo()
    {
        var (exit, _, error) = await _cli.RunAsync("people", "import", Path.Combine(_folder, "nope.csv"));

        Assert.Equal(1, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_AreaByNameOrPath_ListsEveryoneInItsSubtree()
    {
        await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas);

        Assert.Equal(6, (await ListJsonAsync("Locality: Chesterfield")).Length);
        Assert.Equal(6, (await ListJsonAsync("Early Help & Safeguarding > Locality: Chesterfield")).Length);
        Assert.Equal(11, (await ListJsonAsync("Early Help & Safeguarding")).Length);
        Assert.Equal(16, (await ListJsonAsync("Children's Services")).Length);

        var (exit, output, _) = await _cli.RunAsync("people", "list", "--area", "Locality: Bolsover");
        Assert.Equal(0, exit);
        Assert.Contains("Children's Services > Early Help & Safeguarding > Locality: Bolsover: 3 people", output, StringComparison.Ordinal);
        Assert.Contains("Leanne Booth", output, StringComparison.Ordinal);
        Assert.Contains("Ian Whitworth", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NameSharedByTwoAreas_AsksForThePath()
    {
        await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas);

        var (exit, _, error) = await _cli.RunAsync("people", "list", "--area", "Team 1");

        Assert.Equal(1, exit);
        Assert.Contains("'Team 1' matches 2 areas", error, StringComparison.Ordinal);
        Assert.Contains("Locality: Bolsover > Team 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MistypedArea_SuggestsTheNearest()
    {
        await _cli.RunAsync("people", "import", ExamplePeople, "--areas", ExampleAreas);

        var (exit, _, error) = await _cli.RunAsync("people", "list", "--area", "Locality: Bolsove");

        Assert.Equal(1, exit);
        Assert.Contains("No area is called 'Locality: Bolsove'. Did you mean:", error, StringComparison.Ordinal);
        Assert.Contains("Early Help & Safeguarding > Locality: Bolsover", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageInit_CreatesTheTables()
    {
        var (exit, output, _) = await _cli.RunAsync("storage", "init");

        Assert.Equal(0, exit);
        Assert.Contains($"{_cli.Prefix}Items", output, StringComparison.Ordinal);
    }
}
