using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Installation;
using QaBot.Composition;
using QaBot.Demo;

namespace QaBot.Cli.Tests.Graph;

[Trait("Category", "Storage")]
public sealed class GraphCommandsTests : IAsyncLifetime
{
    private static readonly KeyValuePair<string, string?>[] GraphSettings =
    [
        new("Graph:TenantId", "5f1c2a3b-0000-4000-8000-000000000001"),
        new("Graph:ClientId", "5f1c2a3b-0000-4000-8000-000000000002"),
        new("Graph:ClientSecret", "not-a-real-secret"),
    ];

    private readonly CliStorage _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _cli.DeleteTablesAsync();

    private async Task SaveAsync(params AppInstallRecord[] records)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(_cli.Settings));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IAppInstallationStore>();
        foreach (var record in records)
        {
            await store.SaveAsync(record);
        }
    }

    [Fact]
    public async Task Installs_Failed_ListsOnlyThePeopleWhoseInstallFailedWithWhy()
    {
        await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        var at = new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero);
        await SaveAsync(
            new AppInstallRecord(DemoCouncil.KeyPeople.TeamManagerChesterfield, AppInstallStatus.Failed, ConversationFollowUp.None, null, "HTTP 403 Forbidden", 2, at, null),
            new AppInstallRecord(DemoCouncil.KeyPeople.ExecutiveDirector, AppInstallStatus.Installed, ConversationFollowUp.WaitingForTeams, null, null, 0, at, at));

        var (exit, output, error) = await _cli.RunAsync("graph", "installs", "--failed");

        // The demo council records a few failed installs of its own (docs/workforce.md): this one is listed with them.
        Assert.True(exit == 0, error);
        var failed = output.Split('\n').Where(l => l.Contains("failed", StringComparison.Ordinal)).ToList();
        Assert.Contains($"{failed.Count} people.", output, StringComparison.Ordinal);
        var row = Assert.Single(failed, l => l.Contains("HTTP 403 Forbidden (2 attempts)", StringComparison.Ordinal));
        Assert.Contains("20/11/2026 05:00", row, StringComparison.Ordinal);
        Assert.DoesNotContain("waiting for Teams", output, StringComparison.Ordinal);

        var (_, all, _) = await _cli.RunAsync("graph", "installs");
        Assert.Contains($"{failed.Count + 1} people.", all, StringComparison.Ordinal);
        Assert.Contains("waiting for Teams to confirm the install", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_NoCatalogueId_SaysInstallsAreOffAndSendsNothing()
    {
        var (exit, _, error) = await _cli.RunWithAsync(GraphSettings, "graph", "install");

        Assert.Equal(1, exit);
        Assert.Contains("Graph:TeamsAppCatalogId", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncDirectory_NotConfigured_SaysWhatToSet()
    {
        var (exit, _, error) = await _cli.RunAsync("graph", "sync-directory", "--dry-run");

        Assert.Equal(1, exit);
        Assert.Contains("Microsoft Graph is not configured", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncDirectory_Off_SaysHowToTurnItOn()
    {
        var (exit, _, error) = await _cli.RunWithAsync(GraphSettings, "graph", "sync-directory");

        Assert.Equal(1, exit);
        Assert.Contains("Graph:DirectorySync:Enabled", error, StringComparison.Ordinal);
    }
}
