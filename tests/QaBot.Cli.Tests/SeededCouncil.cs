namespace QaBot.Cli.Tests;

/// <summary>
/// The demo council seeded into storage of its own: xunit makes one per test class that asks for it, so a class that
/// changes the council (erasure, retention) changes only its own copy.
/// </summary>
public sealed class SeededCouncil : IAsyncLifetime
{
    public CliStorage Cli { get; } = new();

    public async Task InitializeAsync()
    {
        var (exit, _, error) = await Cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        Assert.True(exit == 0, error);
    }

    public Task DisposeAsync() => Cli.DeleteTablesAsync();
}
