using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Governance;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Testing;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Functions.Tests;

[Trait("Category", "Storage")]
public sealed class BackupFunctionTests
{
    [Fact]
    public async Task RunAsync_TakesACompleteSnapshotOfEveryTableAndRecordsIt()
    {
        var container = Azurite.UniqueName("nightly");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(
        [
            new("Storage:ConnectionString", Azurite.Instance.ConnectionString),
            new("Storage:TablePrefix", Azurite.UniqueName("bk")),
            new("Backup:Container", container),
        ]));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 1, 30, 0, TimeSpan.Zero)));
        services.AddTransient<BackupFunction>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<Application.Storage.IStorageInitializer>().InitializeAsync();
        await provider.GetRequiredService<ITrackingStore>().AddIfAbsentAsync([TestItems.Open("bk-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 12, 10))], TestItems.Origin);

        var manifest = await provider.GetRequiredService<BackupFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal("20261204-013000", manifest.Snapshot);
        Assert.Equal(12, manifest.Tables.Count);
        Assert.Contains(manifest.Tables, t => t.Table == "Assurance");
        Assert.Equal(2, manifest.Tables.Single(t => t.Table == "Items").Rows);
        var listed = Assert.Single(await provider.GetRequiredService<ISnapshotStore>().ListAsync());
        Assert.True(listed.IsComplete);
        var look = Assert.Single(await provider.GetRequiredService<IGovernanceLog>().ListAsync(AuditPeriod.All));
        Assert.Equal(("system:backup", GovernanceLook.BackupCreate, "snapshot:20261204-013000", manifest.Rows), (look.Actor.Value, look.Action, look.Asked, look.Count));
        Assert.Equal("0 30 1 * * *", provider.GetRequiredService<IOptions<Infrastructure.Storage.BackupOptions>>().Value.Schedule);
        await new Azure.Storage.Blobs.BlobServiceClient(Azurite.Instance.ConnectionString).GetBlobContainerClient(container).DeleteIfExistsAsync();
    }
}
