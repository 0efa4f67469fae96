namespace QaBot.Application.Reminders;

/// <summary>
/// The app-wide request budget shared by every sender instance: for each one-second window (a whole second of UTC),
/// how many requests the senders have claimed in it. Claims are conditional writes, so together they never exceed the
/// limit, however many instances claim at once.
/// </summary>
public interface IRateWindowStore
{
    /// <summary>
    /// Claims up to <paramref name="wanted"/> requests in the window starting at <paramref name="windowStart"/>,
    /// leaving the window's total at most <paramref name="limit"/>. Returns how many were claimed: none when the window
    /// is full, already over (a later window has been claimed in its place), or too contended to claim in a few tries.
    /// </summary>
    Task<int> ClaimAsync(DateTimeOffset windowStart, int wanted, int limit, CancellationToken cancellationToken = default);
}
