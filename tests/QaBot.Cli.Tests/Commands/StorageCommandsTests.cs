namespace QaBot.Cli.Tests.Commands;

/// <summary><c>qabot storage migrate</c> on the demo council: a current installation has nothing to change but its version.</summary>
[Trait("Category", "Storage")]
public sealed class StorageCommandsTests : IAsyncLifetime
{
    private readonly CliStorage _cli = new(new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero));

    private static IEnumerable<KeyValuePair<string, string?>> Settings => [new("Cli:Operator", "it.ops@council.example")];

    public async Task InitializeAsync()
    {
        var (exit, _, error) = await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        Assert.True(exit == 0, error);
    }

    public Task DisposeAsync() => _cli.DeleteTablesAsync();

    [Fact]
    public async Task Migrate_DemoCouncil_DryRunThenMigrateThenUpToDateAndRecorded()
    {
        var (dryExit, dry, dryError) = await _cli.RunWithAsync(Settings, "storage", "migrate", "--dry-run");
        Assert.True(dryExit == 0, dryError);
        Assert.Contains("Storage is at no version recorded; this release writes version 3. A dry run: nothing was written.", dry, StringComparison.Ordinal);

        var (exit, output, error) = await _cli.RunWithAsync(Settings, "storage", "migrate");
        Assert.True(exit == 0, error);
        Assert.Contains("Storage was at no version recorded; it is now at version 3.", output, StringComparison.Ordinal);
        Assert.Contains("1. Outstanding items move from index rows in the Items table to the Outstanding table: No index rows of the first release: nothing to do.", output, StringComparison.Ordinal);
        Assert.Contains("2. The compliance model counted from the items kept before it existed: The compliance model already has counts", output, StringComparison.Ordinal);
        Assert.Contains("3. Reminder runs' send ledger entries move into partitions by run and person: No send ledger entries in the old layout: nothing to do.", output, StringComparison.Ordinal);

        var (againExit, again, _) = await _cli.RunWithAsync(Settings, "storage", "migrate");
        Assert.Equal(0, againExit);
        Assert.Contains("Storage is up to date (version 3): nothing to do.", again, StringComparison.Ordinal);

        var (_, looks, _) = await _cli.RunWithAsync(Settings, "audit", "--looks");
        Assert.Single(looks.Split('\n'), l => l.Contains("storage-migrate", StringComparison.Ordinal));
        Assert.Contains("storage version 0 to 3", looks, StringComparison.Ordinal);
    }
}
