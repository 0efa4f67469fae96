using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Tracking;
using QaBot.Testing;
using QaBot.Testing.Data;
using QaBot.Testing.Framework;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Functions.Tests;

/// <summary>Version 3 of the shipped framework deployed (<see cref="NextFramework"/>), at 04:30 on its effective date.</summary>
[Trait("Category", "Storage")]
public sealed class FrameworkSupersedeFunctionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-fn-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(ServiceProvider Provider, TrackedItem Item)> DeployAsync(string? previous)
    {
        var next = Path.Combine(_folder, "framework-v3.yaml");
        await File.WriteAllTextAsync(next, NextFramework.Text());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(
        [
            new("Storage:ConnectionString", Azurite.Instance.ConnectionString),
            new("Storage:TablePrefix", Azurite.UniqueName("fs")),
            new("Framework:CatalogueFile", next),
            new("Framework:PreviousCatalogueFile", previous),
        ]));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2027, 4, 1, 4, 30, 0, TimeSpan.Zero)));
        services.AddTransient<FrameworkSupersedeFunction>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<Application.Storage.IStorageInitializer>().InitializeAsync();
        var directory = provider.GetRequiredService<Application.Organisation.IDirectoryStore>();
        foreach (var area in Tree.Areas)
        {
            await directory.SaveAreaAsync(area, null, new AuditEntry(TestItems.CreatedAt, Actor.System("test"), "added", "area:" + area.Id, "test", TestItems.Origin));
        }

        var item = TestItems.Open("fs-1", Id(1), Department, new DateOnly(2027, 3, 31), NextFramework.RhythmChanged.Value);
        await provider.GetRequiredService<ITrackingStore>().AddIfAbsentAsync([item], TestItems.Origin);
        return (provider, item);
    }

    [Fact]
    public async Task RunAsync_PreviousVersionConfigured_ClosesTheOpenItemsOfChangedDutiesAsSuperseded()
    {
        var (provider, item) = await DeployAsync(ShippedData.CatalogueFile);
        await using var _ = provider;

        await provider.GetRequiredService<FrameworkSupersedeFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        var closed = (await provider.GetRequiredService<ITrackingStore>().GetAsync(item.Key))!;
        Assert.Equal((ItemStatus.ClosedOther, "superseded-v3"), (closed.Status, closed.ClosedReason));
        Assert.Equal("0 30 4 * * *", FrameworkSupersedeFunction.Schedule);
    }

    [Fact]
    public async Task RunAsync_NoPreviousVersionConfigured_ChangesNothing()
    {
        var (provider, item) = await DeployAsync(previous: null);
        await using var _ = provider;

        await provider.GetRequiredService<FrameworkSupersedeFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal(ItemStatus.Open, (await provider.GetRequiredService<ITrackingStore>().GetAsync(item.Key))!.Status);
    }
}
