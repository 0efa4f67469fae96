using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Compliance;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Compliance;
using QaBot.Testing;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Functions.Tests;

[Trait("Category", "Storage")]
public sealed class ComplianceCheckFunctionTests
{
    [Fact]
    public async Task RunAsync_ModelKnockedOutOfStep_PutRightForLastMonthAndThis()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(
        [
            new("Storage:ConnectionString", Azurite.Instance.ConnectionString),
            new("Storage:TablePrefix", Azurite.UniqueName("cc")),
        ]));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero)));
        services.AddTransient<ComplianceCheckFunction>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<Application.Storage.IStorageInitializer>().InitializeAsync();
        var item = TestItems.Open("cc-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        await provider.GetRequiredService<ITrackingStore>().AddIfAbsentAsync([item], TestItems.Origin);
        var store = provider.GetRequiredService<IComplianceStore>();
        var october = new ReportMonth(2026, 10);
        await store.ReplaceAsync([new ComplianceCell(ChesterfieldTeam1, october)]);

        var result = await provider.GetRequiredService<ComplianceCheckFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal((october, new ReportMonth(2026, 11)), (result.From, result.To));
        Assert.Single(result.Differences);
        Assert.Equal(1, Assert.Single(await store.GetCellsAsync(ChesterfieldTeam1, october, october)).Duties[new("supervision")].Due);
        Assert.Equal("0 0 4 * * *", ComplianceCheckFunction.Schedule);
    }
}
