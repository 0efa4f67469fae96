using QaBot.Demo;

namespace QaBot.Cli.Tests.Assurance;

[Trait("Category", "Storage")]
public sealed class LearningDaysCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>, IDisposable
{
    private const string DemoHeldDay = "2026-10-16-neglect-and-drift-in-child-in-need-plans";

    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-learning-days-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task List_TheDemoCouncilsHeldAndPlannedDays_WithTheVisitsTally()
    {
        var (exit, output, error) = await council.Cli.RunAsync("learning-days", "list");

        Assert.True(exit == 0, error);
        Assert.True(output.Contains(DemoHeldDay, StringComparison.Ordinal), output);
        Assert.Contains("due Fri 27 Nov 2026", output, StringComparison.Ordinal);
        Assert.Contains("2026-12-11-children-in-care-permanence-planning", output, StringComparison.Ordinal);
        Assert.Contains("planned", output, StringComparison.Ordinal);
        Assert.Contains("Follow-up visits by the Executive Director of Children’s Services after days held in the last 12 months: 0 made, 1 still to make; the framework expects 6 a year.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_TheDemosHeldDay_ItsActivitiesCasesAndTheExecutiveDirectorsVisit()
    {
        var (exit, output, error) = await council.Cli.RunAsync("learning-days", "show", DemoHeldDay, "--trail");

        Assert.True(exit == 0, error);
        Assert.Contains("on Fri 16 Oct 2026: held.", output, StringComparison.Ordinal);
        Assert.Contains("Line of enquiry 2: Is drift noticed in supervision and acted on?", output, StringComparison.Ordinal);
        Assert.Contains("81000", output, StringComparison.Ordinal);
        Assert.Contains("Focus group", output, StringComparison.Ordinal);
        Assert.Contains("Helen Ashworth", output, StringComparison.Ordinal);
        Assert.Contains("activity recorded", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADay_ArrangedFromItsFile_ActivitiesRecorded_Held_GivesTheVisit_AndAnotherCancelled()
    {
        var people = DemoCouncil.Create().People;
        var lead = people.First(p => p.ObjectId == DemoCouncil.KeyPeople.DirectorEarlyHelp.Value);
        var workers = people.Where(p => p.JobTitle == "Social Worker").Take(2).ToList();
        var file = Path.Combine(_folder, "day.yaml");
        await File.WriteAllTextAsync(file, $"""
            title: Voice of the child
            service: Children's Services
            date: 2026-11-19
            lead: {lead.Upn}
            participants:
              - {workers[0].Upn}
              - {workers[1].Upn}
            linesOfEnquiry:
              - Is the child's voice heard in plans?
            """);

        var (exit, output, error) = await council.Cli.RunAsync("learning-days", "create", file, "--dry-run");
        Assert.True(exit == 0, error);
        Assert.Contains("Nothing was written", output, StringComparison.Ordinal);
        (exit, output, error) = await council.Cli.RunAsync("learning-days", "create", file);
        Assert.True(exit == 0, error);
        Assert.Contains("Arranged the practice learning day 'Voice of the child' (2026-11-19-voice-of-the-child) on Thu 19 Nov 2026 with 2 participants.", output, StringComparison.Ordinal);

        const string id = "2026-11-19-voice-of-the-child";
        (exit, _, error) = await council.Cli.RunAsync("learning-days", "activity", id, "--kind", "focus-group", "--summary", "Her DOB 03/04/2015 came up.");
        Assert.Equal(1, exit);
        Assert.Contains("date of birth", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing was changed", error, StringComparison.Ordinal);
        (exit, output, error) = await council.Cli.RunAsync("learning-days", "activity", id, "--kind", "show-me-tell-me", "--summary", "Workers showed direct work tools.", "--by", workers[0].Upn);
        Assert.True(exit == 0, error);
        Assert.Contains("Recorded activity 1", output, StringComparison.Ordinal);

        (exit, output, error) = await council.Cli.RunAsync("learning-days", "held", id);
        Assert.True(exit == 0, error);
        Assert.Contains("Recorded the day 2026-11-19-voice-of-the-child as held; 1 follow-up visit due Thu 31 Dec 2026.", output, StringComparison.Ordinal);
        (exit, output, _) = await council.Cli.RunAsync("learning-days", "held", id);
        Assert.Equal(0, exit);
        Assert.Contains("was recorded as held already; no follow-up visit to make", output, StringComparison.Ordinal);
        (exit, _, error) = await council.Cli.RunAsync("learning-days", "cancel", id, "--reason", "Too late.");
        Assert.Equal(1, exit);

        (exit, output, error) = await council.Cli.RunAsync("learning-days", "cancel", "2026-12-11-children-in-care-permanence-planning", "--reason", "The lead is on leave; moved to January.");
        Assert.True(exit == 0, error);
        (exit, output, _) = await council.Cli.RunAsync("learning-days", "show", "2026-12-11-children-in-care-permanence-planning");
        Assert.Contains("cancelled.", output, StringComparison.Ordinal);
        Assert.Contains("Cancelled: The lead is on leave; moved to January.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AFileWithProblems_EachNamedAndNothingWritten()
    {
        var file = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(file, "title: Bad day\nservice: Nowhere at all\ndate: 2026-13-01\nlead: someone\nparticipants: []\nlinesOfEnquiry:\n  - Fine?\n");

        var (exit, _, error) = await council.Cli.RunAsync("learning-days", "create", file);

        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml:3:", error, StringComparison.Ordinal);
        Assert.Contains("date: '2026-13-01' is not a day", error, StringComparison.Ordinal);
        Assert.Contains("lead: 'someone' is not a UPN", error, StringComparison.Ordinal);
        Assert.Contains("give from 1 to 60 participants", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", error, StringComparison.Ordinal);
    }
}
