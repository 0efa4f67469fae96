using System.Text.Json;
using QaBot.Testing;

namespace QaBot.Cli.Tests.People;

/// <summary><c>qabot leave</c> on the example people file; the clock is at Friday 20 November 2026.</summary>
[Trait("Category", "Storage")]
public sealed class LeaveCommandsTests : IAsyncLifetime
{
    private readonly CliStorage _cli = new();

    public async Task InitializeAsync()
    {
        var (exit, _, error) = await _cli.RunAsync("people", "import", RepositoryRoot.Combine("docs", "examples", "people.csv"), "--areas", RepositoryRoot.Combine("docs", "examples", "areas.csv"));
        Assert.True(exit == 0, error);
    }

    public Task DisposeAsync() => _cli.DeleteTablesAsync();

    [Fact]
    public async Task AddListCancel_RecordsTheLeaveWithItsCoverListsItAndTakesItAway()
    {
        var (exit, output, error) = await _cli.RunAsync("leave", "add", "--person", "d.mercer@council.example", "--from", "2026-12-14", "--to", "2026-12-31", "--cover", "i.whitworth@council.example");

        Assert.True(exit == 0, error);
        Assert.Contains("Recorded: Dan Mercer away Mon 14 Dec 2026 to Thu 31 Dec 2026.", output, StringComparison.Ordinal);
        Assert.Contains("Ian Whitworth covers: they hold Dan Mercer's items and their team's escalations until Thu 31 Dec 2026", output, StringComparison.Ordinal);

        var (_, table, _) = await _cli.RunAsync("leave", "list");
        Assert.Contains("Dan Mercer", table, StringComparison.Ordinal);
        Assert.Contains("Ian Whitworth", table, StringComparison.Ordinal);
        Assert.Contains("to come", table, StringComparison.Ordinal);

        var (_, json, _) = await _cli.RunAsync("leave", "list", "--person", "d.mercer@council.example", "--format", "json");
        var listed = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal(("2026-12-14", "2026-12-31", "Ian Whitworth", false), (listed.GetProperty("from").GetString(), listed.GetProperty("to").GetString(), listed.GetProperty("coverName").GetString(), listed.GetProperty("awayToday").GetBoolean()));

        var (cancelExit, cancelled, cancelError) = await _cli.RunAsync("leave", "cancel", "--person", "d.mercer@council.example", "--from", "2026-12-14");
        Assert.True(cancelExit == 0, cancelError);
        Assert.Contains("Cancelled: Dan Mercer's leave Mon 14 Dec 2026 to Thu 31 Dec 2026.", cancelled, StringComparison.Ordinal);
        var (_, empty, _) = await _cli.RunAsync("leave", "list");
        Assert.Contains("No leave recorded now or to come.", empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody@council.example", "2026-12-14", "2026-12-31", "--person: nobody active in the directory has the UPN 'nobody@council.example'.")]
    [InlineData("d.mercer@council.example", "14/12/2026", "2026-12-31", "--from: '14/12/2026' is not a date in the form yyyy-MM-dd.")]
    [InlineData("d.mercer@council.example", "2026-12-31", "2026-12-14", "The leave ends (Mon 14 Dec 2026) before it starts (Thu 31 Dec 2026). Nothing was recorded.")]
    public async Task Add_BadInput_SaysWhatIsWrongAndRecordsNothing(string person, string from, string to, string problem)
    {
        var (exit, _, error) = await _cli.RunAsync("leave", "add", "--person", person, "--from", from, "--to", to);

        Assert.Equal(1, exit);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        var (_, empty, _) = await _cli.RunAsync("leave", "list", "--all");
        Assert.Contains("No leave recorded.", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_NoSuchLeave_SaysSo()
    {
        var (exit, _, error) = await _cli.RunAsync("leave", "cancel", "--person", "d.mercer@council.example", "--from", "2026-12-14");

        Assert.Equal(1, exit);
        Assert.Contains("Dan Mercer has no leave recorded. Nothing was changed.", error, StringComparison.Ordinal);
    }
}
