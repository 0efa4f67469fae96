using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Cli.Tests.Compliance;
using QaBot.Composition;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Demo;

namespace QaBot.Cli.Tests.Assurance;

[Trait("Category", "Storage")]
public sealed class AuditsCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-audits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task List_TheDemoCouncilsAuditsOneClosedOneInProgress()
    {
        var (exit, output, error) = await council.Cli.RunAsync("audits", "list");

        Assert.True(exit == 0, error);
        Assert.Contains("Neglect and cumulative harm", output, StringComparison.Ordinal);
        Assert.Contains("Closed", output, StringComparison.Ordinal);
        Assert.Contains("Children missing from home or care", output, StringComparison.Ordinal);
        Assert.Contains("In progress", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAudit_FromCreationToModerationToClose_WithItsWorkbookReadBack()
    {
        var people = DemoCouncil.Create().People;
        var auditors = people.Where(p => p.JobTitle == "Quality Assurance Officer").Take(2).ToList();
        var practitioners = people.Where(p => p.JobTitle == "Social Worker").Take(2).ToList();
        var file = Path.Combine(_folder, "pre-birth.yaml");
        await File.WriteAllTextAsync(file, $"""
            title: Pre-birth assessments
            kind: thematic
            linesOfEnquiry:
              - Was the assessment started by 20 weeks of pregnancy?
            due: 2026-12-18
            cases:
              - reference: "9100001"
                auditor: {auditors[0].Upn}
                practitioner: {practitioners[0].Upn}
              - reference: "9100002"
                auditor: {auditors[1].Upn}
            """);

        var (exit, output, error) = await council.Cli.RunAsync("audits", "create", file, "--dry-run");
        Assert.True(exit == 0, error);
        Assert.Contains("Nothing was written", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pre-birth", (await council.Cli.RunAsync("audits", "list")).Output, StringComparison.Ordinal);

        (exit, output, error) = await council.Cli.RunAsync("audits", "create", file);
        Assert.True(exit == 0, error);
        Assert.Contains("Arranged Thematic audit 'Pre-birth assessments' (2026-12-pre-birth-assessments): 2 cases for 2 auditors, due Fri 18 Dec 2026. Made 2 items", output, StringComparison.Ordinal);
        (exit, output, _) = await council.Cli.RunAsync("audits", "create", file);
        Assert.Equal(0, exit);
        Assert.Contains("was arranged already; made 0 missing items", output, StringComparison.Ordinal);

        const string id = "2026-12-pre-birth-assessments";
        (exit, _, error) = await council.Cli.RunAsync("audits", "moderate", id, "--case", "9100001", "--agree");
        Assert.Equal(1, exit);
        Assert.Contains("Case 9100001 has no record yet", error, StringComparison.Ordinal);

        await RecordAsync(id, 1, "Good");
        await RecordAsync(id, 2, "Good");
        (exit, output, error) = await council.Cli.RunAsync("audits", "moderate", id, "--case", "9100001", "--agree");
        Assert.True(exit == 0, error);
        Assert.Contains("case 9100001: agreed Good", output, StringComparison.Ordinal);
        (exit, _, error) = await council.Cli.RunAsync("audits", "close", id);
        Assert.Equal(1, exit);
        Assert.Contains("1 case still to record or moderate: 9100002", error, StringComparison.Ordinal);
        (exit, _, error) = await council.Cli.RunAsync("audits", "moderate", id, "--case", "9100002", "--judgement", "Requires improvement");
        Assert.Equal(1, exit);
        Assert.Contains("needs a reason", error, StringComparison.Ordinal);
        (exit, output, error) = await council.Cli.RunAsync("audits", "moderate", id, "--case", "9100002", "--judgement", "Requires improvement", "--reason", "The assessment started at 28 weeks.");
        Assert.True(exit == 0, error);
        Assert.Contains("judgement changed from Good to Requires improvement", output, StringComparison.Ordinal);
        (exit, output, error) = await council.Cli.RunAsync("audits", "close", id);
        Assert.True(exit == 0, error);

        var workbook = Path.Combine(_folder, "audit.xlsx");
        (exit, _, error) = await council.Cli.RunAsync("audits", "show", id, "--out", workbook);
        Assert.True(exit == 0, error);
        var sheets = ComplianceCommandsTests.ReadWorkbook(workbook);
        Assert.Equal(["Audit", "Cases"], sheets.Keys);
        string Measure(string name) => Assert.Single(sheets["Audit"], r => r[0] == name)[1];
        Assert.Equal("Closed", Measure("State"));
        Assert.Equal("2", Measure("Cases moderated"));
        Assert.Equal("1", Measure("Judgements changed at moderation"));
        Assert.Equal("2", Measure("Judged Good by the auditor"));
        Assert.Equal("1", Measure("Judged Requires improvement after moderation"));
        var changed = Assert.Single(sheets["Cases"], r => r[1] == "9100002");
        Assert.Equal(["Requires improvement", "No", "The assessment started at 28 weeks."], changed[5..8]);

        (exit, output, _) = await council.Cli.RunAsync("audits", "show", id, "--trail");
        Assert.Equal(0, exit);
        Assert.Contains("arranged", output, StringComparison.Ordinal);
        Assert.Contains("closed", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split("moderated").Length - 2);
    }

    [Fact]
    public async Task Create_AFileWithProblems_NamesEachWithItsLineAndWritesNothing()
    {
        var file = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(file, """
            title: Neglect
            kind: thematic
            linesOfEnquiry:
              - Is the plan reviewed?
            due: 2027-02-26
            cases:
              - reference: Smith1
                auditor: nobody@example.gov.uk
              - reference: "9200002"
                auditor: not-a-upn
            """);

        var (exit, _, error) = await council.Cli.RunAsync("audits", "create", file);

        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml:7:", error, StringComparison.Ordinal);
        Assert.Contains("cases[0].reference", error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:10:", error, StringComparison.Ordinal);
        Assert.Contains("cases[1].auditor", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Neglect ", (await council.Cli.RunAsync("audits", "list")).Output.Replace("Neglect and", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>What the auditor's form in Teams keeps: their record of the case, against their item.</summary>
    private async Task RecordAsync(string id, int number, string judgement)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(council.Cli.Settings));
        await using var provider = services.BuildServiceProvider();
        var audit = (await provider.GetRequiredService<IAuditStore>().GetAsync(id))!;
        var audited = audit.Cases[number - 1];
        var auditor = (await provider.GetRequiredService<QaBot.Application.Organisation.IDirectoryStore>().GetPersonAsync(audited.Auditor))!;
        var practitioner = audited.Practitioner ?? new PersonId(DemoCouncil.KeyPeople.SocialWorkerChesterfield.Value);
        var record = new ReflectiveCaseReview(
            audited.Item, auditor.HomeArea, auditor.Id, practitioner, audited.Case, new ReviewParts(true, true, false), null,
            judgement, "A clear chronology.", "The plan has no timescales.", ["Planning"], [], new DateOnly(2026, 11, 19), council.Cli.Time.GetUtcNow());
        Assert.True(await provider.GetRequiredService<IReviewStore>().AddAsync(record, record.RecordedEntry(new QaBot.Core.Tracking.AuditOrigin("teams", "test"))));
    }
}
