namespace QaBot.Application.Reminders;

/// <summary>
/// The pace at which reminders may go to Teams: the app-wide and per-conversation rates, and the pause that Teams asks
/// every sender to keep after a 429. Senders ask before each request and report each 429.
/// </summary>
public interface ISendBudget
{
    /// <summary>Waits while a sender (on any instance) has been told by Teams to hold off.</summary>
    Task WaitWhileThrottledAsync(CancellationToken cancellationToken);

    /// <summary>Waits for a turn within the rates for the conversation; the request must follow at once.</summary>
    ValueTask AcquireAsync(string conversationKey, CancellationToken cancellationToken);

    /// <summary>Tells every sender to hold off for <paramref name="wait"/> (Teams answered 429).</summary>
    Task ReportThrottledAsync(TimeSpan wait, CancellationToken cancellationToken);
}
