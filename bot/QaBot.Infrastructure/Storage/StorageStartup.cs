using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QaBot.Core.Storage;

namespace QaBot.Infrastructure.Storage;

/// <summary>Creates the tables when a host (the bot, the Functions app) starts, unless Storage:CreateTablesAtStartup is off.</summary>
internal sealed class StorageStartup : IHostedService
{
    private readonly IStorageInitializer _initializer;
    private readonly IOptions<StorageOptions> _options;

    public StorageStartup(IStorageInitializer initializer, IOptions<StorageOptions> options)
    {
        _initializer = initializer;
        _options = options;
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _options.Value.CreateTablesAtStartup ? _initializer.InitializeAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
