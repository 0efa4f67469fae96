using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// The send budget of one sender process: its own sliding-window limiter, and the throttle marker shared through
/// storage. One sender instance at a time (docs/operations.md).
/// </summary>
public sealed class InProcessSendBudget(RequestRateLimiter limiter, ThrottleGate throttle) : ISendBudget
{
    public Task WaitWhileThrottledAsync(CancellationToken cancellationToken) => throttle.WaitAsync(cancellationToken);

    public ValueTask AcquireAsync(string conversationKey, CancellationToken cancellationToken) => limiter.AcquireAsync(conversationKey, cancellationToken);

    public Task ReportThrottledAsync(TimeSpan wait, CancellationToken cancellationToken) => throttle.ReportThrottledAsync(wait, cancellationToken);
}
