using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Configuration;
using QaBot.Application.Governance;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Tracking;
using QaBot.Testing;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Functions.Tests;

[Trait("Category", "Storage")]
public sealed class RetentionFunctionTests
{
    /// <summary>The Functions app's services over tables of their own, at 03:00 UTC on 4 December 2026, with <paramref name="settings"/> added.</summary>
    private static async Task<ServiceProvider> StartAsync(params KeyValuePair<string, string?>[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(QaBotConfiguration.Build(
        [
            new("Storage:ConnectionString", Azurite.Instance.ConnectionString),
            new("Storage:TablePrefix", Azurite.UniqueName("rt")),
            .. settings,
        ]));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero)));
        services.AddTransient<RetentionFunction>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<Application.Storage.IStorageInitializer>().InitializeAsync();
        return provider;
    }

    [Fact]
    public async Task RunAsync_KeepsItemsInsideTheirPeriodAndRecordsTheCountsByKind()
    {
        await using var provider = await StartAsync();
        var tracking = provider.GetRequiredService<ITrackingStore>();
        await tracking.AddIfAbsentAsync([TestItems.Open("rt-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 12, 10))], TestItems.Origin);

        var summary = await provider.GetRequiredService<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.True(summary.Applied);
        Assert.Equal(new DateOnly(2020, 12, 4), summary.Cutoffs.ClosedItemsDueBefore);
        Assert.Equal(new DateTimeOffset(2026, 9, 5, 0, 0, 0, TimeSpan.Zero), summary.Cutoffs.RemindersBefore);
        Assert.Equal(0, summary.Total);
        Assert.NotNull(await tracking.GetAsync(new ItemKey(ChesterfieldTeam1, new Core.Scheduling.OccurrenceId("rt-1"))));
        var looks = await provider.GetRequiredService<IGovernanceLog>().ListAsync(AuditPeriod.All);
        // One entry per kind: closed items, replies, audit entries, case chains, conversations, QA records, reminders
        // planned, reminders sent, leavers.
        Assert.Equal(9, looks.Count);
        Assert.Contains(looks, l => l.Asked.StartsWith(RetentionKinds.QualityAssurance + " as of", StringComparison.Ordinal));
        Assert.All(looks, l => Assert.Equal(("system:retention", GovernanceLook.RetentionApply), (l.Actor.Value, l.Action)));
        Assert.Equal("0 0 3 * * *", provider.GetRequiredService<IOptions<RetentionOptions>>().Value.Schedule);
    }

    [Fact]
    public async Task RunAsync_CatchUpLongerThanTheRemindersPeriod_KeepsRemindersAsLongAsACatchUpReaches()
    {
        await using var provider = await StartAsync(new("Retention:SentReminders", "30.00:00:00"), new("Reminders:MaxCatchUp", "120.00:00:00"));

        var summary = await provider.GetRequiredService<RetentionFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 8, 6, 0, 0, 0, TimeSpan.Zero), summary.Cutoffs.RemindersBefore);
    }
}
