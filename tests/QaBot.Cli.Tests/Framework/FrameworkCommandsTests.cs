using System.Text.Json;

namespace QaBot.Cli.Tests.Framework;

[Trait("Category", "Fast")]
public sealed class FrameworkCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, IEnumerable<KeyValuePair<string, string?>>? configuration = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, configuration);
        return (exit, output.ToString(), error.ToString());
    }

    // The shipped catalogue with three mistakes: an unknown frequency, a duplicate id and a duty whose role is gone.
    private string WriteBrokenCatalogue()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml"));
        text = ReplaceFirst(text, "    frequency: Six per year\n", "    frequency: Fortnightly\n");
        text = ReplaceFirst(text, "- id: member-big-conversation\n", "- id: member-children-in-care-councils\n");
        text = ReplaceFirst(text, "    role: iro-cp-chair\n", string.Empty);
        var path = Path.Combine(_folder, "broken.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Validate_ShippedCatalogue_ExitsZeroWithOneLineOfCounts()
    {
        var (exit, output, error) = await RunAsync(["framework", "validate"]);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("is valid: 17 roles, 59 task lines, 62 duties, 1 general duty, 43 governance bodies.", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FileWithMistakes_ExitsNonZeroAndListsEveryProblemOnStandardError()
    {
        var path = WriteBrokenCatalogue();

        var (exit, output, error) = await RunAsync(["framework", "validate", "--file", path]);

        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches($@"^{Regex(path)}:\d+:9: duties\[2\]\.id: duplicate duty id 'member-children-in-care-councils': already used at line \d+$", lines[0]);
        Assert.Matches($@"^{Regex(path)}:\d+:16: duties\[6\]\.frequency: unknown frequency phrase “Fortnightly”", lines[1]);
        Assert.Matches($@"^{Regex(path)}:\d+:\d+: duties\[56\]\.role: required field 'role' is missing: every duty belongs to a role", lines[2]);
        Assert.Equal($"The framework catalogue {path} is invalid: 3 problems.", lines[3]);
    }

    [Fact]
    public async Task Validate_MissingFile_SaysItDoesNotExist()
    {
        var path = Path.Combine(_folder, "nowhere.yaml");

        var (exit, _, error) = await RunAsync(["framework", "validate", "--file", path]);

        Assert.NotEqual(0, exit);
        Assert.Contains($"{path}:1:1: the file does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ConfiguredFileWithMistakes_ChecksTheConfiguredFile()
    {
        var path = WriteBrokenCatalogue();

        var (exit, _, error) = await RunAsync(["framework", "validate"], [new("Framework:CatalogueFile", path)]);

        Assert.NotEqual(0, exit);
        Assert.Contains("invalid: 3 problems", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_HasTheShapeTheIssueAsksFor()
    {
        var (exit, output, error) = await RunAsync(["framework", "show", "--format", "json"]);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;

        var roles = root.GetProperty("roles");
        Assert.Equal(17, roles.GetArrayLength());
        Assert.Equal(62, roles.EnumerateArray().Sum(r => r.GetProperty("duties").GetArrayLength()));
        Assert.Equal(["all-managers"], roles.EnumerateArray().Where(r => r.GetProperty("everyManager").GetBoolean()).Select(r => r.GetProperty("id").GetString()));
        foreach (var role in roles.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, role.GetProperty("id").ValueKind);
            Assert.Equal(JsonValueKind.String, role.GetProperty("name").ValueKind);
            foreach (var duty in role.GetProperty("duties").EnumerateArray())
            {
                foreach (var field in new[] { "id", "task", "frequency", "purpose" })
                {
                    Assert.Equal(JsonValueKind.String, duty.GetProperty(field).ValueKind);
                }

                Assert.Contains(duty.GetProperty("perReport").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
                var rhythm = duty.GetProperty("rhythm");
                Assert.Contains(rhythm.GetProperty("kind").GetString(), new[] { "fixed", "school", "programme", "statutory", "none" });
                Assert.Contains(rhythm.GetProperty("perYear").ValueKind, new[] { JsonValueKind.Number, JsonValueKind.Null });
                var sourceRow = duty.GetProperty("sourceRow");
                Assert.Equal("3.0", sourceRow.GetProperty("section").GetString());
                // The table's rows name their role; the every-manager role's come from the paragraph above the table,
                // and the lead member's and their director's from the elected members' line 5.
                Assert.Equal(
                    role.GetProperty("everyManager").GetBoolean() ? "All managers (above the table)"
                        : role.GetProperty("id").GetString() is "lead-member" or "director-performance-quality-partnerships" ? "Elected Members"
                        : role.GetProperty("name").GetString(),
                    sourceRow.GetProperty("role").GetString());
                Assert.True(sourceRow.GetProperty("line").GetInt32() >= 1);
            }
        }

        var general = Assert.Single(root.GetProperty("generalDuties").EnumerateArray());
        Assert.StartsWith("All managers are expected", general.GetProperty("text").GetString(), StringComparison.Ordinal);

        var bodies = root.GetProperty("bodies");
        Assert.Equal(43, bodies.GetArrayLength());
        foreach (var body in bodies.EnumerateArray())
        {
            foreach (var field in new[] { "id", "name", "level", "group" })
            {
                Assert.Equal(JsonValueKind.String, body.GetProperty(field).ValueKind);
            }

            Assert.Contains(body.GetProperty("chair").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Assert.Contains(body.GetProperty("rhythm").ValueKind, new[] { JsonValueKind.Object, JsonValueKind.Null });
        }
    }

    [Fact]
    public async Task Show_Json_WritesDutiesAndBodiesAsTheFrameworkStatesThem()
    {
        var (_, output, _) = await RunAsync(["framework", "show", "--format", "json"]);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var duties = root.GetProperty("roles").EnumerateArray().SelectMany(r => r.GetProperty("duties").EnumerateArray()).ToList();
        var bodies = root.GetProperty("bodies").EnumerateArray().ToList();

        var supervision = duties.Single(d => d.GetProperty("id").GetString() == "team-manager-supervision");
        Assert.True(supervision.GetProperty("perReport").GetBoolean());
        Assert.Equal("Monthly supervision, bi-annual My Plan/PDR", supervision.GetProperty("frequency").GetString());
        Assert.Equal("fixed", supervision.GetProperty("rhythm").GetProperty("kind").GetString());
        Assert.Equal(12, supervision.GetProperty("rhythm").GetProperty("perYear").GetInt32());
        Assert.Equal("monthly", supervision.GetProperty("rhythm").GetProperty("cadence").GetString());

        var cme = duties.Single(d => d.GetProperty("id").GetString() == "director-sl-chair-cme-line-of-sight").GetProperty("rhythm");
        Assert.Equal(("school", 6, "half-termly"), (cme.GetProperty("kind").GetString(), cme.GetProperty("perYear").GetInt32(), cme.GetProperty("cadence").GetString()));

        var visits = duties.Single(d => d.GetProperty("id").GetString() == "exec-director-front-line-visits").GetProperty("rhythm");
        Assert.Equal(("programme", 4, "annual-programme-of-visits"), (visits.GetProperty("kind").GetString(), visits.GetProperty("perYear").GetInt32(), visits.GetProperty("setting").GetString()));

        var iro = duties.Single(d => d.GetProperty("id").GetString() == "iro-quality-assure-planning").GetProperty("rhythm");
        Assert.Equal("statutory", iro.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, iro.GetProperty("perYear").ValueKind);
        Assert.Equal(["cla-review", "cp-initial-conference", "cp-review"], iro.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));

        var asRequired = duties.Single(d => d.GetProperty("id").GetString() == "team-manager-performance-monitoring").GetProperty("rhythm");
        Assert.Equal(("none", JsonValueKind.Null), (asRequired.GetProperty("kind").GetString(), asRequired.GetProperty("perYear").ValueKind));

        var board = bodies.Single(b => b.GetProperty("id").GetString() == "qa-transformation-board");
        Assert.Equal("QA & Transformation Board", board.GetProperty("name").GetString());
        Assert.Equal("strategic-assurance", board.GetProperty("level").GetString());
        Assert.Equal("top-level-boards", board.GetProperty("group").GetString());
        Assert.Equal("executive-director", board.GetProperty("chair").GetString());
        Assert.Equal(("fixed", 6), (board.GetProperty("rhythm").GetProperty("kind").GetString(), board.GetProperty("rhythm").GetProperty("perYear").GetInt32()));

        var silent = bodies.Single(b => b.GetProperty("id").GetString() == "sore-project-board");
        Assert.Equal(JsonValueKind.Null, silent.GetProperty("chair").ValueKind);
        Assert.Equal(JsonValueKind.Null, silent.GetProperty("rhythm").ValueKind);
    }

    [Fact]
    public async Task Show_Json_KeysAreCamelCase()
    {
        var (_, output, _) = await RunAsync(["framework", "show", "--format", "json"]);
        using var json = JsonDocument.Parse(output);

        Assert.All(PropertyNames(json.RootElement), name => Assert.Matches("^[a-z][a-zA-Z0-9]*$", name));
    }

    [Fact]
    public async Task Show_DefaultFormat_IsAReadableTable()
    {
        var (exit, output, error) = await RunAsync(["framework", "show"]);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.StartsWith("Quality & Performance Framework: 17 roles, 59 task lines, 62 duties, 43 governance bodies", output, StringComparison.Ordinal);
        Assert.Contains("Team Managers (team-manager): 5 duties", output, StringComparison.Ordinal);
        Assert.Matches(@"team-manager-supervision +Monthly supervision +monthly \(12 a year\), per person managed", output);
        Assert.Matches(@"qa-transformation-board +QA & Transformation Board +executive-director +every two months \(6 a year\)", output);
        Assert.Matches(@"sore-project-board +SORE Project Board +not stated +not stated", output);
        Assert.Contains("programmes.annual-programme-of-visits: 4 a year", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownFormat_IsRefused()
    {
        var (exit, _, error) = await RunAsync(["framework", "show", "--format", "xml"]);

        Assert.NotEqual(0, exit);
        Assert.Contains("xml", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ConfiguredCatalogueWithMistakes_ExitsNonZeroListingEveryProblem()
    {
        var path = WriteBrokenCatalogue();

        var (exit, output, error) = await RunAsync(["framework", "show"], [new("Framework:CatalogueFile", path)]);

        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Contains($"The framework catalogue {path} is invalid: 3 problems.", error, StringComparison.Ordinal);
        Assert.Contains("duplicate duty id", error, StringComparison.Ordinal);
        Assert.Contains("unknown frequency phrase", error, StringComparison.Ordinal);
        Assert.Contains("required field 'role' is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_FileOption_ShowsThatFile()
    {
        var path = Path.Combine(_folder, "copy.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml"), path);

        var (exit, output, _) = await RunAsync(["framework", "show", "--file", path, "--format", "json"]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(43, json.RootElement.GetProperty("bodies").GetArrayLength());
    }

    [Fact]
    public async Task Diff_TwoVersionsOfTheShippedFile_ByRoleWhatIsGainedLostAndChangedAndWhatIsSuperseded()
    {
        var next = Path.Combine(_folder, "framework-v3.yaml");
        File.WriteAllText(next, QaBot.Testing.Framework.NextFramework.Text());

        var (exit, output, error) = await RunAsync(["framework", "diff", Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml"), next, "--no-directory"]);

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Equal(
            [
                "Framework version 2 → 3, effective from Thu 1 Apr 2027.",
                "Elected Members (elected-member):",
                "  loses    member-big-conversation: removed (was yearly); open items superseded",
                "Executive Director of Children’s Services (executive-director):",
                "  changes  exec-director-casework-sampling: rhythm monthly (12 a year) → quarterly (4 a year); open items superseded",
                "  changes  exec-director-casework-sampling: wording only (no change to who or how often)",
                "Team Managers (team-manager):",
                "  gains    team-manager-practice-week: added (quarterly (4 a year))",
                "4 changes; open items of 2 duties will be superseded on Thu 1 Apr 2027.",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Diff_NewFileNotAHigherVersion_Refused()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml");

        var (exit, _, error) = await RunAsync(["framework", "diff", shipped, shipped, "--no-directory"]);

        Assert.NotEqual(0, exit);
        Assert.Contains("must be higher than the old one's (2)", error, StringComparison.Ordinal);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{find}' is not in the shipped catalogue");
        return string.Concat(text.AsSpan(0, index), replace, text.AsSpan(index + find.Length));
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .Where(p => p.Name is not ("programmes"))
            .SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };
}
