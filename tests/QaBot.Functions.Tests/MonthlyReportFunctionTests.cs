using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QaBot.Composition;
using QaBot.Testing;

namespace QaBot.Functions.Tests;

[Trait("Category", "Storage")]
public sealed class MonthlyReportFunctionTests
{
    [Theory]
    [InlineData("2026-12-01T08:00:00Z", null)]
    [InlineData("2026-12-01T09:00:00Z", "2026-11")]
    public async Task RunAsync_HourlyOnWeekdays_ReportsOnlyFromNineOnTheFirstWorkingDay(string now, string? month)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(
        [
            new("Storage:ConnectionString", Azurite.Instance.ConnectionString),
            new("Storage:TablePrefix", Azurite.UniqueName("mr")),
        ]));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
        services.AddTransient<MonthlyReportFunction>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<Application.Storage.IStorageInitializer>().InitializeAsync();

        var result = await provider.GetRequiredService<MonthlyReportFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal(month, result.Month?.ToString());
        Assert.Equal(0, result.Posted);
        Assert.Equal("0 0 * * * 1-5", MonthlyReportFunction.Schedule);
    }
}
