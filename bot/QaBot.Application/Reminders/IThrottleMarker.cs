namespace QaBot.Application.Reminders;

/// <summary>
/// The shared "throttled until" marker: when Teams answers 429, the sender that saw it writes how long to wait, and
/// every sender (on any instance) waits until then before its next request.
/// </summary>
public interface IThrottleMarker
{
    /// <summary>The instant senders may resume, or null when none is set.</summary>
    Task<DateTimeOffset?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves the marker later (never earlier) to <paramref name="until"/>.</summary>
    Task ExtendAsync(DateTimeOffset until, CancellationToken cancellationToken = default);
}
