using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// The Functions app's timer and queue trigger inside the bot process, for local development
/// (<c>Reminders:RunInProcess</c>): the run starts on <c>Reminders:Schedule</c> (UTC) and a sender delivers from the
/// queue meanwhile. Does nothing unless turned on.
/// </summary>
internal sealed partial class InProcessReminderScheduler : BackgroundService
{
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(30);

    private readonly IOptions<RemindersOptions> _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<InProcessReminderScheduler> _logger;

    /// <summary>
    /// Takes the service provider rather than the pipeline itself, so that a bot with the scheduler off (every
    /// deployed bot) never builds the reminder pipeline or needs what it depends on.
    /// </summary>
    public InProcessReminderScheduler(IOptions<RemindersOptions> options, IServiceProvider services, TimeProvider time, ILogger<InProcessReminderScheduler> logger)
    {
        _options = options;
        _services = services;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _options.Value;
        if (!options.RunInProcess)
        {
            return;
        }

        if (!ReminderSchedule.TryParse(options.Schedule, out var schedule, out var problem))
        {
            // Options validation refuses this at start-up; kept so the scheduler can never run on a bad schedule.
            throw new InvalidOperationException($"Reminders:Schedule: {problem}");
        }

        var runner = _services.GetRequiredService<ReminderRunner>();
        var drain = _services.GetRequiredService<DigestQueueDrain>();
        var queue = _services.GetRequiredService<AzureDigestOutbox>();
        LogStarted(options.Schedule);
        await Task.WhenAll(TimerAsync(runner, schedule!, stoppingToken), SendAsync(queue, drain, stoppingToken)).ConfigureAwait(false);
    }

    private async Task TimerAsync(ReminderRunner runner, Cronos.CronExpression schedule, CancellationToken stoppingToken)
    {
        // Like the Functions timer: a run at start-up, then on the schedule. The run catches up on anything missed.
        var next = _time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - _time.GetUtcNow();
            if (wait > TimeSpan.Zero && !await DelayAsync(wait, stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                var outcome = await runner.RunAsync(_time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                LogRan(outcome.Kind, outcome.Digests);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The local scheduler keeps going after a failed run, as the timer does; the run is logged and recorded.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogRunFailed(e);
            }

            next = schedule.GetNextOccurrence(_time.GetUtcNow(), TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
        }
    }

    private async Task SendAsync(AzureDigestOutbox queue, DigestQueueDrain drain, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // On a fresh local setup the sender may start before the first run has created the queue.
                await queue.CreateIfMissingAsync(stoppingToken).ConfigureAwait(false);
                await drain.RunAsync(continuous: true, onDelivered: null, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The local sender keeps going after storage trouble, as the queue trigger does.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSenderFailed(e, PauseAfterFailure);
                if (!await DelayAsync(PauseAfterFailure, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Reminders run in this process (Reminders:RunInProcess) on schedule {Schedule} (UTC)")]
    private partial void LogStarted(string schedule);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "Local reminder run: {Kind}, {Digests} digests queued")]
    private partial void LogRan(RunOutcomeKind kind, int digests);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Error, Message = "Local reminder run failed; the next one catches up")]
    private partial void LogRunFailed(Exception exception);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Error, Message = "Local reminder sender stopped with an error; starting again in {Pause}")]
    private partial void LogSenderFailed(Exception exception, TimeSpan pause);
}
