using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// The send budget of one of several sender instances: the app-wide rate claimed from storage in shares of each
/// second (<see cref="SharedRateLimiter"/>), and the throttle marker shared through storage.
/// </summary>
public sealed class SharedSendBudget(SharedRateLimiter limiter, ThrottleGate throttle) : ISendBudget
{
    public Task WaitWhileThrottledAsync(CancellationToken cancellationToken) => throttle.WaitAsync(cancellationToken);

    public ValueTask AcquireAsync(string conversationKey, CancellationToken cancellationToken) => limiter.AcquireAsync(conversationKey, cancellationToken);

    public Task ReportThrottledAsync(TimeSpan wait, CancellationToken cancellationToken) => throttle.ReportThrottledAsync(wait, cancellationToken);
}
