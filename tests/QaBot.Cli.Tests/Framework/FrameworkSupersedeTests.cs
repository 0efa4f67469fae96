using System.Text.RegularExpressions;
using QaBot.Testing.Framework;

namespace QaBot.Cli.Tests.Framework;

/// <summary>The demo council, seeded under the shipped framework, then version 3 (<see cref="NextFramework"/>) deployed.</summary>
[Trait("Category", "Storage")]
public sealed partial class FrameworkSupersedeTests : IAsyncLifetime
{
    private readonly CliStorage _cli = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-cli-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _cli.DeleteTablesAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Supersede_FromTheEffectiveDate_ClosesTheOpenItemsOfChangedDutiesOnceAndNotBefore()
    {
        Assert.Equal(0, (await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20")).Exit);
        var next = Path.Combine(_folder, "framework-v3.yaml");
        await File.WriteAllTextAsync(next, NextFramework.Text());
        var shipped = Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml");
        KeyValuePair<string, string?>[] deployed = [new("Framework:CatalogueFile", next)];

        var early = await _cli.RunWithAsync(deployed, "framework", "supersede", "--previous", shipped);
        _cli.Time.SetUtcNow(new DateTimeOffset(2027, 4, 1, 4, 30, 0, TimeSpan.Zero));
        var onTheDay = await _cli.RunWithAsync(deployed, "framework", "supersede", "--previous", shipped);
        var again = await _cli.RunWithAsync(deployed, "framework", "supersede", "--previous", shipped);

        Assert.Equal((0, "Framework version 3 is not in effect yet (from Thu 1 Apr 2027): nothing was closed."), (early.Exit, early.Output.Trim()));
        Assert.Equal(0, onTheDay.Exit);
        var closed = int.Parse(Closed().Match(onTheDay.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(closed > 0, onTheDay.Output);
        Assert.Equal("Framework version 3: 0 open items of changed or removed duties closed as superseded.", again.Output.Trim());
    }

    [Fact]
    public async Task Supersede_ShippedCatalogue_ComparesWithTheShippedVersion1WithoutBeingToldIt()
    {
        // The lead member's overview items from before the effective date are version 1's (every member's duty then).
        Assert.Equal(0, (await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20")).Exit);

        var early = await _cli.RunAsync("framework", "supersede");
        _cli.Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero));
        var onTheDay = await _cli.RunAsync("framework", "supersede");
        var again = await _cli.RunAsync("framework", "supersede");

        Assert.Equal((0, "Framework version 2 is not in effect yet (from Fri 1 Jan 2027): nothing was closed."), (early.Exit, early.Output.Trim()));
        Assert.Equal(0, onTheDay.Exit);
        var closed = Version2Closed().Match(onTheDay.Output);
        Assert.True(closed.Success && int.Parse(closed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, onTheDay.Output);
        Assert.Equal("Framework version 2: 0 open items of changed or removed duties closed as superseded.", again.Output.Trim());
    }

    [Fact]
    public async Task Supersede_OwnCatalogueAndNoPreviousFile_AsksForIt()
    {
        var own = Path.Combine(_folder, "framework.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml"), own);

        var (exit, _, error) = await _cli.RunWithAsync([new("Framework:CatalogueFile", own)], "framework", "supersede");

        Assert.NotEqual(0, exit);
        Assert.Contains("Name the previous version's catalogue with --previous FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_WithTheDirectory_CountsThePeopleHoldingEachRoleItTouches()
    {
        Assert.Equal(0, (await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20")).Exit);
        var next = Path.Combine(_folder, "framework-v3.yaml");
        await File.WriteAllTextAsync(next, NextFramework.Text());

        var (exit, output, error) = await _cli.RunAsync("framework", "diff", Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml"), next);

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Matches(@"(?m)^Team Managers \(team-manager\), [1-9]\d* people in the directory:\r?$", output);
        Assert.Matches(@"(?m)^Executive Director of Children’s Services \(executive-director\), 1 person in the directory:\r?$", output);
    }

    [GeneratedRegex(@"^Framework version 2: (\d+) open items? of changed or removed duties closed as superseded\.")]
    private static partial Regex Version2Closed();

    [GeneratedRegex(@"Framework version 3: (\d+) open items? of changed or removed duties closed as superseded\.")]
    private static partial Regex Closed();
}
