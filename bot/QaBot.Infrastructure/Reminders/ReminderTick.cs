using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// One whole pass without a Functions host: the reminder run as of a moment, then the queue drained by sending
/// (<c>qabot tick --at</c>, and each tick of the bot's local scheduler).
/// </summary>
public sealed class ReminderTick
{
    private readonly ReminderRunner _runner;
    private readonly DigestQueueDrain _drain;

    public ReminderTick(ReminderRunner runner, DigestQueueDrain drain)
    {
        _runner = runner;
        _drain = drain;
    }

    public async Task<(RunOutcome Run, DrainSummary Sent)> RunAsync(DateTimeOffset at, Action<DeliveryResult>? onDelivered, CancellationToken cancellationToken)
    {
        var run = await _runner.RunAsync(at, cancellationToken).ConfigureAwait(false);
        var sent = await _drain.RunAsync(continuous: false, onDelivered, cancellationToken).ConfigureAwait(false);
        return (run, sent);
    }
}
