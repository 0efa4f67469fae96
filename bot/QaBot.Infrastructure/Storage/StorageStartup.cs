using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Storage;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Creates the tables when a host (the bot, the Functions app) starts, unless Storage:CreateTablesAtStartup is off.
/// It runs beside start-up rather than blocking it: if storage cannot be reached it logs why and tries again with
/// growing pauses (up to a minute), so the process starts and the logs say what is wrong.
/// </summary>
internal sealed partial class StorageStartup : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(1);

    private readonly IStorageInitializer _initializer;
    private readonly IOptions<StorageOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageStartup> _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StorageStartup(IStorageInitializer initializer, IOptions<StorageOptions> options, TimeProvider time, ILogger<StorageStartup> logger)
    {
        _initializer = initializer;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes when the tables exist (or creation is turned off).</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Value.CreateTablesAtStartup)
        {
            _ready.TrySetResult();
            return;
        }

        var pause = TimeSpan.FromSeconds(1);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await _initializer.InitializeAsync(stoppingToken).ConfigureAwait(false);
                _ready.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Start-up must not stop the host: every failure is logged and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCreateFailed(ex, attempt, pause);
            }

            try
            {
                await Task.Delay(pause, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Could not create QaBot's tables (attempt {Attempt}); trying again in {Pause}. Check Storage:ConnectionString or Storage:TableServiceUri and the identity's access.")]
    private partial void LogCreateFailed(Exception exception, int attempt, TimeSpan pause);
}
