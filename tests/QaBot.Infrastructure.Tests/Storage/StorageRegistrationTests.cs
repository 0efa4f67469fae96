using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing;

namespace QaBot.Infrastructure.Tests.Storage;

public sealed class StorageRegistrationTests
{
    private static ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBotStorage();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        return services.BuildServiceProvider();
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void AddQaBotStorage_NoSettings_UsesTheLocalEmulator()
    {
        using var provider = Build();

        Assert.Equal(StorageOptions.DevelopmentConnectionString, provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        Assert.Equal("devstoreaccount1", provider.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal("QaBotItems", provider.GetRequiredService<StorageTables>().Items.Name);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void AddQaBotStorage_ServiceUris_UsesManagedIdentityAgainstThoseEndpoints()
    {
        using var provider = Build(
            ("Storage:TableServiceUri", "https://qabotdata.table.core.windows.net"),
            ("Storage:QueueServiceUri", "https://qabotdata.queue.core.windows.net"),
            ("Storage:TablePrefix", "Derbyshire"));

        Assert.True(provider.GetRequiredService<IOptions<StorageOptions>>().Value.UsesManagedIdentity);
        Assert.Equal(new Uri("https://qabotdata.table.core.windows.net"), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal("qabotdata", provider.GetRequiredService<QueueServiceClient>().AccountName);
        Assert.Equal("DerbyshireDirectory", provider.GetRequiredService<StorageTables>().Directory.Name);
    }

    [Theory]
    [InlineData("Storage:TableServiceUri", "https://qabotdata.table.core.windows.net", "Storage:QueueServiceUri")]
    [InlineData("Storage:TableServiceUri", "http://qabotdata.table.core.windows.net", "https")]
    [InlineData("Storage:TablePrefix", "1bad-prefix", "TablePrefix")]
    [InlineData("Storage:ConnectionString", "", "ConnectionString")]
    [Trait("Category", "Fast")]
    public void AddQaBotStorage_InvalidSetting_FailsNamingTheKey(string key, string value, string named)
    {
        using var provider = Build((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(named, string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void AddQaBotStorage_UnreachableAccount_ResolvesEveryRepositoryWithoutConnecting()
    {
        using var provider = Build(("Storage:ConnectionString", $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Azurite.AccountKey};TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;"));

        Assert.NotNull(provider.GetRequiredService<IDirectoryStore>());
        Assert.NotNull(provider.GetRequiredService<ITrackingStore>());
        Assert.NotNull(provider.GetRequiredService<IConversationReferenceStore>());
        Assert.NotNull(provider.GetRequiredService<IBoardMeetingStore>());
        Assert.NotNull(provider.GetRequiredService<ISendLedger>());
    }

    [Fact]
    [Trait("Category", "Storage")]
    public async Task HostStart_CreateTablesAtStartup_CreatesEveryTable()
    {
        var prefix = Azurite.UniqueName("s");
        using var provider = Build(("Storage:ConnectionString", Azurite.Instance.ConnectionString), ("Storage:TablePrefix", prefix));

        var startup = provider.GetServices<IHostedService>().OfType<StorageStartup>().Single();
        await startup.StartAsync(CancellationToken.None);
        await startup.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await startup.StopAsync(CancellationToken.None);

        var service = provider.GetRequiredService<TableServiceClient>();
        var names = new List<string>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            names.Add(table.Name);
        }

        // Every table a snapshot copies, and the erasure register and the person index, which no snapshot holds.
        var tables = provider.GetRequiredService<StorageTables>();
        Assert.Equal(tables.All.Append(tables.Erasures).Append(tables.PersonIndex).Select(t => t.Name).Order(), names.Order());
        foreach (var table in tables.All.Append(tables.Erasures).Append(tables.PersonIndex))
        {
            await table.DeleteAsync();
        }
    }

    [Fact]
    [Trait("Category", "Fast")]
    public async Task HostStart_StorageUnreachable_StartsAnywayAndKeepsTrying()
    {
        var time = new WatchedClock();
        var storage = new UnreachableStorage();
        var startup = new StorageStartup(storage, Options.Create(new StorageOptions()), time, NullLogger<StorageStartup>.Instance);

        await startup.StartAsync(CancellationToken.None);
        await storage.Attempts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(startup.Ready.IsCompleted);

        // The pause after a failure is on the clock: a second later it tries again, then it waits twice as long.
        foreach (var pause in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) })
        {
            await time.Timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            time.Advance(pause - TimeSpan.FromMilliseconds(1));
            Assert.False(storage.Attempts.Reader.TryRead(out _));
            time.Advance(TimeSpan.FromMilliseconds(1));
            await storage.Attempts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.False(startup.Ready.IsCompleted);
        await startup.StopAsync(CancellationToken.None);
    }

    /// <summary>Storage that refuses every attempt to create the tables, telling the test of each one.</summary>
    private sealed class UnreachableStorage : IStorageInitializer
    {
        public Channel<int> Attempts { get; } = Channel.CreateUnbounded<int>();

        public Task InitializeAsync(CancellationToken cancellationToken = default)
        {
            Attempts.Writer.TryWrite(0);
            throw new RequestFailedException(0, "Connection refused (127.0.0.1:10002)");
        }
    }

    /// <summary>A fake clock that tells the test when a pause has started, so it moves time on only after that.</summary>
    private sealed class WatchedClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero))
    {
        public Channel<int> Timers { get; } = Channel.CreateUnbounded<int>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Timers.Writer.TryWrite(0);
            return timer;
        }
    }

    [Fact]
    [Trait("Category", "Storage")]
    public async Task HostStart_CreateTablesAtStartupOff_CreatesNothing()
    {
        var prefix = Azurite.UniqueName("s");
        using var provider = Build(("Storage:ConnectionString", Azurite.Instance.ConnectionString), ("Storage:TablePrefix", prefix), ("Storage:CreateTablesAtStartup", "false"));

        var startup = provider.GetServices<IHostedService>().OfType<StorageStartup>().Single();
        await startup.StartAsync(CancellationToken.None);
        await startup.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await startup.StopAsync(CancellationToken.None);

        var exists = await provider.GetRequiredService<StorageTables>().Items.GetAccessPoliciesAsync().ContinueWith(t => t.IsCompletedSuccessfully);
        Assert.False(exists);
    }
}
