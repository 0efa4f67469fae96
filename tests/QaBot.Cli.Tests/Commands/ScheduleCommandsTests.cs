using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using QaBot.Core.Framework;
using QaBot.Testing.Scheduling;

namespace QaBot.Cli.Tests.Commands;

[Trait("Category", "Fast")]
public sealed class ScheduleCommandsTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));
            services.AddSingleton(SampleFramework.Catalogue);
        });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Preview_TeamManagerAugust2026Json_GivesTheFieldsForEachOccurrence()
    {
        var (code, output, _) = await RunAsync("schedule", "preview", "--role", "team-manager", "--reports", "2", "--from", "2026-08-01", "--to", "2026-08-31", "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var supervisions = json.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("dutyId").GetString() == SampleFramework.Supervision.Value).ToList();
        Assert.Equal(2, supervisions.Count);
        var first = supervisions[0];
        Assert.Equal("2026-08-28", first.GetProperty("due").GetString());
        Assert.Equal(["2026-08-21T09:00:00+01:00", "2026-08-28T09:00:00+01:00"], first.GetProperty("remindAt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2026-08-01", first.GetProperty("window").GetProperty("from").GetString());
        Assert.Equal("2026-08-31", first.GetProperty("window").GetProperty("to").GetString());
        Assert.StartsWith("team-manager-supervision.2026-08.", first.GetProperty("occurrenceId").GetString(), StringComparison.Ordinal);
        Assert.Equal("00000000-0000-4000-8000-000000000001", first.GetProperty("concerns").GetString());
        Assert.False(first.GetProperty("provisional").GetBoolean());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("task").GetString()));
    }

    [Fact]
    public async Task Preview_ReportsOnTheAsyePlan_FirstThenWeeklySupervisions()
    {
        var (code, output, error) = await RunAsync(
            "schedule", "preview", "--role", "team-manager", "--reports-started", "2026-11-02", "--reports-title", "Social Worker (ASYE)",
            "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var supervisions = json.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("dutyId").GetString() == SampleFramework.Supervision.Value).ToList();
        Assert.Equal(["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"], supervisions.Select(e => e.GetProperty("due").GetString()));
        Assert.StartsWith("team-manager-supervision.first-2026-11-02.", supervisions[0].GetProperty("occurrenceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ReportsTitleWithoutAStartDate_RefusedNamingTheOption()
    {
        var (code, _, error) = await RunAsync("schedule", "preview", "--role", "team-manager", "--reports-title", "ASYE", "--from", "2026-11-01", "--to", "2026-11-30");

        Assert.Equal(2, code);
        Assert.Contains("--reports-title: give --reports-started too", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_DefaultReportsAndTable_OneSupervisionAMonthAndProvisionalMarked()
    {
        var (code, output, error) = await RunAsync("schedule", "preview", "--role", SampleFramework.DirectorSchools.Value, "--from", "2026-09-01", "--to", "2026-10-31");

        Assert.Equal(0, code);
        Assert.Contains("Fri 2026-10-23 *", output, StringComparison.Ordinal);
        Assert.Contains("* Provisional", output, StringComparison.Ordinal);
        Assert.Contains("warning: School term dates for 2026/27 are provisional", error, StringComparison.Ordinal);

        var (_, managerOutput, _) = await RunAsync("schedule", "preview", "--role", "team-manager", "--from", "2026-03-01", "--to", "2026-03-31");
        Assert.Single(managerOutput.Split('\n'), l => l.Contains("team-manager-supervision", StringComparison.Ordinal) && l.Contains("report 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preview_StartDate_NothingBeforeIt()
    {
        var (code, output, _) = await RunAsync("schedule", "preview", "--role", "team-manager", "--start", "2026-03-16", "--from", "2026-01-01", "--to", "2026-04-30", "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.True(string.CompareOrdinal(e.GetProperty("due").GetString(), "2026-03-16") >= 0));
        Assert.NotEmpty(json.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Preview_UnknownRole_ListsTheRoles()
    {
        var (code, _, error) = await RunAsync("schedule", "preview", "--role", "wizard", "--from", "2026-01-01", "--to", "2026-01-31");

        Assert.Equal(2, code);
        Assert.Contains("no role 'wizard'", error, StringComparison.Ordinal);
        Assert.Contains("team-manager", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_WindowBeyondCalendarData_ErrorNamesYearAndFile()
    {
        var (code, _, error) = await RunAsync("schedule", "preview", "--role", "team-manager", "--from", "2029-01-01", "--to", "2029-03-31");

        Assert.Equal(1, code);
        Assert.Contains("2029", error, StringComparison.Ordinal);
        Assert.Contains("bank-holidays.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_BadDate_SaysWhichOption()
    {
        var (code, _, error) = await RunAsync("schedule", "preview", "--role", "team-manager", "--from", "01/03/2026", "--to", "2026-03-31");

        Assert.Equal(2, code);
        Assert.Contains("--from: '01/03/2026' is not a date as yyyy-MM-dd", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_NoCatalogueRegistered_SaysSo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["schedule", "preview", "--role", "team-manager", "--from", "2026-01-01", "--to", "2026-01-31"], output, error,
            configureServices: services => services.RemoveAll<FrameworkCatalogue>());

        Assert.NotEqual(0, code);
        Assert.NotEmpty(error.ToString());
    }

    [Fact]
    public async Task StatutoryList_ShowsTheRuleIds()
    {
        var (code, output, _) = await RunAsync("schedule", "statutory", "--list");

        Assert.Equal(0, code);
        Assert.Contains("cla-review", output, StringComparison.Ordinal);
        Assert.Contains("cp-review", output, StringComparison.Ordinal);
        Assert.Contains("complaint-stage-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatutoryRule_ChainAsJson_GivesNDueAndBasis()
    {
        var (code, output, _) = await RunAsync("schedule", "statutory", "--rule", "cla-review", "--event-date", "2025-12-22", "--count", "3", "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var chain = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], chain.Select(e => e.GetProperty("n").GetInt32()));
        Assert.Equal(["2026-01-22", "2026-04-22", "2026-10-22"], chain.Select(e => e.GetProperty("due").GetString()));
        Assert.Contains("20 working days", chain[0].GetProperty("basis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatutoryRule_HeldDateAndCase_CountsFromHeldAndShowsIds()
    {
        var (code, output, _) = await RunAsync("schedule", "statutory", "--rule", "cla-review", "--event-date", "2025-12-22", "--count", "2", "--held", "2026-01-15", "--case", "CR-1029");

        Assert.Equal(0, code);
        Assert.Contains("Wed 2026-04-15", output, StringComparison.Ordinal);
        Assert.Contains("cla-review.CR-1029.2025-12-22.2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rule", "no-such-rule", "--event-date", "2026-01-01", "no statutory rule 'no-such-rule'")]
    [InlineData("--rule", "cla-review", "--case", "Jane Smith", "never a child's name")]
    public async Task StatutoryRule_BadInput_ClearError(string a, string b, string c, string d, string message)
    {
        var args = new List<string> { "schedule", "statutory", a, b, c, d };
        if (!args.Contains("--event-date"))
        {
            args.AddRange(["--event-date", "2026-01-05"]);
        }

        var (code, _, error) = await RunAsync([.. args]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_November2026_ListsYearsAndWarnsOfProvisionalTerms()
    {
        var (code, output, _) = await RunAsync("schedule", "calendar");

        Assert.Equal(0, code);
        Assert.Contains("2028: 8 days (provisional)", output, StringComparison.Ordinal);
        Assert.Contains("2025/26: 4 September 2025 to 23 July 2026", output, StringComparison.Ordinal);
        Assert.Contains("warning: School term dates for 2026/27 are provisional", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ShippedCatalogue_TeamManagerSupervisionPerReport()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(
            ["schedule", "preview", "--role", "team-manager", "--reports", "3", "--from", "2026-08-01", "--to", "2026-08-31", "--format", "json"],
            output,
            error);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var supervisions = json.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("dutyId").GetString() == "team-manager-supervision").ToList();
        Assert.Equal(3, supervisions.Count);
        Assert.All(supervisions, e => Assert.Equal("2026-08-28", e.GetProperty("due").GetString()));
        Assert.Equal(3, supervisions.Select(e => e.GetProperty("concerns").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Preview_CalendarFolderMissing_ExitsOneNamingTheFile()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(
            ["schedule", "preview", "--role", "team-manager", "--from", "2026-01-01", "--to", "2026-01-31"],
            output,
            error,
            [new("Framework:CalendarDirectory", "NoSuchCalendar")]);

        Assert.Equal(1, code);
        Assert.Contains("NoSuchCalendar", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("bank-holidays.yaml", error.ToString(), StringComparison.Ordinal);
    }
}
