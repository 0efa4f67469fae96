using QaBot.Demo;

namespace QaBot.Cli.Tests.Assurance;

/// <summary>The demo council seeded as of Friday 20 November 2026: its directors' programmes for 2027, the year version 2 of the framework plans them from.</summary>
[Trait("Category", "Storage")]
public sealed class ProgrammeCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>
{
    private static string Upn(QaBot.Core.Organisation.PersonId id) => DemoCouncil.Create().People.First(p => p.ObjectId == id.Value).Upn;

    [Fact]
    public async Task Show_TheExecutiveDirectorsProgrammesFor2027_EachEntryAgainstTheTarget()
    {
        var (exit, output, error) = await council.Cli.RunAsync("programme", "show", "--person", Upn(DemoCouncil.KeyPeople.ExecutiveDirector));

        Assert.True(exit == 0, error);
        Assert.Contains("Helen Ashworth: programme of visits (exec-director-front-line-visits), 2027: 3 planned of 4, 0 held.", output, StringComparison.Ordinal);
        Assert.Contains("Helen Ashworth: programme of meetings (exec-director-performance-scrutiny), 2027: 4 planned of 4, 0 held.", output, StringComparison.Ordinal);
        Assert.Contains("Oakwood House children's home", output, StringComparison.Ordinal);
        // January 2027's visit falls due on its last working day, Friday 29 January; the board's date is Monday 18 January.
        Assert.Contains("planned, due Fri 29 Jan 2027", output, StringComparison.Ordinal);
        Assert.Contains("planned, due Mon 18 Jan 2027", output, StringComparison.Ordinal);
        Assert.Contains("1 more to plan", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ToTheDirectorOfEarlyHelpsVisits_ThenShowIt_WithItsTrail_AndAgainAddsNothing()
    {
        var upn = Upn(DemoCouncil.KeyPeople.DirectorEarlyHelp);

        var (exit, output, error) = await council.Cli.RunAsync("programme", "add", "--person", upn, "--duty", "service-director-front-line-visits", "--what", "Chesterfield locality team 2", "--when", "2027-06");
        var (againExit, again, _) = await council.Cli.RunAsync("programme", "add", "--person", upn, "--duty", "service-director-front-line-visits", "--what", "Chesterfield locality team 2", "--when", "2027-06");
        var (_, shown, _) = await council.Cli.RunAsync("programme", "show", "--person", upn, "--year", "2027", "--trail");

        Assert.True(exit == 0, error);
        Assert.Contains("Added to Rachel Okafor's programme for 2027 as entry 2: Chesterfield locality team 2, June 2027.", output, StringComparison.Ordinal);
        Assert.Equal(0, againExit);
        Assert.Contains("has this already as entry 2; nothing was added.", again, StringComparison.Ordinal);
        Assert.Contains("2027: 2 planned of 4, 0 held.", shown, StringComparison.Ordinal);
        Assert.Contains("planned, due Wed 30 Jun 2027", shown, StringComparison.Ordinal);
        Assert.Contains("programme entry added", shown, StringComparison.Ordinal);
        Assert.Contains("programme of meetings (service-director-performance-scrutiny), 2027: 0 planned of 4", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-13", "is not a month or a date")]
    [InlineData("2026-09", "--when: September 2026 has passed")]
    public async Task Add_Refused_ExitsOne_AndSaysNothingWasWritten(string when, string problem)
    {
        var (exit, _, error) = await council.Cli.RunAsync("programme", "add", "--person", Upn(DemoCouncil.KeyPeople.DirectorSchools), "--what", "Schools forum", "--when", when);

        Assert.Equal(1, exit);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ForSomeoneNotInTheDirectory_Refused()
    {
        var (exit, _, error) = await council.Cli.RunAsync("programme", "add", "--person", "nobody@demo-council.example", "--what", "A team", "--when", "2027-03");

        Assert.Equal(1, exit);
        Assert.Contains("No one active in the directory signs in as nobody@demo-council.example (--person). Nothing was written.", error, StringComparison.Ordinal);
    }
}
