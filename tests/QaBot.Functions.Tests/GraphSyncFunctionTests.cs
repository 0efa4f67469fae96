using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Composition;
using QaBot.Testing;

namespace QaBot.Functions.Tests;

[Trait("Category", "Storage")]
public sealed class GraphSyncFunctionTests
{
    [Fact]
    public async Task RunAsync_GraphNotConfigured_ResolvesFromTheAppsServicesAndDoesNothing()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(
        [
            new("Storage:ConnectionString", Azurite.Instance.ConnectionString),
            new("Storage:TablePrefix", Azurite.UniqueName("g")),
        ]));
        services.AddTransient<GraphSyncFunction>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var function = provider.GetRequiredService<GraphSyncFunction>();
        await function.RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal("0 0 5 * * *", GraphSyncFunction.Schedule);
    }
}
