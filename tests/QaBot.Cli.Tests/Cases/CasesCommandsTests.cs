using System.Text;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Cases;

[Trait("Category", "Storage")]
public sealed class CasesCommandsTests : IAsyncLifetime
{
    private static readonly string ExampleCases = RepositoryRoot.Combine("docs", "examples", "cases.csv");

    private readonly CliStorage _cli = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-cases-").FullName;

    public async Task InitializeAsync()
    {
        var (exit, _, error) = await _cli.RunAsync(
            "people", "import", RepositoryRoot.Combine("docs", "examples", "people.csv"), "--areas", RepositoryRoot.Combine("docs", "examples", "areas.csv"));
        Assert.True(exit == 0, error);
    }

    public async Task DisposeAsync()
    {
        await _cli.DeleteTablesAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_ExampleFile_RecordsEveryEventAndASecondRunChangesNothing()
    {
        var (exit, output, error) = await _cli.RunAsync("cases", "import", ExampleCases);

        Assert.True(exit == 0, error);
        Assert.Contains("cases.csv: 5 events checked, no problems. 5 recorded, 0 already held.", output, StringComparison.Ordinal);

        var (again, againOutput, againError) = await _cli.RunAsync("cases", "import", ExampleCases);

        Assert.True(again == 0, againError);
        Assert.Contains("0 recorded, 5 already held.", againOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_AfterImport_ShowsEachOpenChainsNextDeadlineForThePerson()
    {
        await _cli.RunAsync("cases", "import", ExampleCases);

        var (exit, output, error) = await _cli.RunAsync("cases", "list", "--person", "p.nolan@council.example");

        Assert.True(exit == 0, error);
        // Review 1 held Thu 25 Jun 2026: review 2 within 3 months, Fri 25 Sep 2026. Strategy discussion Mon 2 Nov 2026:
        // the conference within 15 working days, Mon 23 Nov 2026.
        Assert.Contains("2: Fri 25 Sep 2026", output, StringComparison.Ordinal);
        Assert.Contains("1: Mon 23 Nov 2026", output, StringComparison.Ordinal);
        Assert.DoesNotContain("34567", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FileWithProblems_ReportsFileLineAndFieldAndWritesNothing()
    {
        var path = Path.Combine(_folder, "cases.csv");
        await File.WriteAllTextAsync(
            path,
            "case_reference,rule,event,event_date,responsible_upn\n" +
            "12345,cla-review,started,2026-06-01,p.nolan@council.example\n" +
            "Smith1,cla-review,started,2026-06-01,p.nolan@council.example\n" +
            "23456,cla-visit,started,2026-06-01,p.nolan@council.example\n" +
            "34567,cla-review,held,2026-06-01,p.nolan@council.example\n" +
            "45678,cla-review,started,1 June,nobody@council.example\n",
            new UTF8Encoding(false));

        var (exit, output, error) = await _cli.RunAsync("cases", "import", path);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("cases.csv line 3, case_reference: That is not a case reference in the council's format", error, StringComparison.Ordinal);
        Assert.Contains("cases.csv line 4, rule: 'cla-visit' is not a statutory rule", error, StringComparison.Ordinal);
        Assert.Contains("cases.csv line 5, event: 34567 has no looked-after child's review chain yet", error, StringComparison.Ordinal);
        Assert.Contains("cases.csv line 6, event_date: '1 June' is not a date (yyyy-MM-dd)", error, StringComparison.Ordinal);
        Assert.Contains("cases.csv line 6, responsible_upn: 'nobody@council.example' is not anyone active in the staff directory", error, StringComparison.Ordinal);
        var (_, listOutput, _) = await _cli.RunAsync("cases", "list");
        Assert.Contains("No open cases.", listOutput, StringComparison.Ordinal);
    }
}
