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
    /// is full, already over (a later window has been claimed in its place), or too contended to claim in a few tries;
    /// and the place of the first of them in the window's order (0 for the window's first request), so that every
    /// sender can space its requests through the second by their place among all senders' requests. Places before
    /// <paramref name="firstUsable"/> that nobody has claimed are passed over and count as spent: a sender claiming part
    /// of the way through the second takes places whose time has not yet gone.
    /// </summary>
    Task<RateClaim> ClaimAsync(DateTimeOffset windowStart, int wanted, int limit, int firstUsable = 0, CancellationToken cancellationToken = default);
}

/// <summary>Requests claimed in one window: <paramref name="Count"/> of them, taking places <paramref name="First"/> onwards in the window's order.</summary>
public readonly record struct RateClaim(int First, int Count)
{
    public static readonly RateClaim None = new(0, 0);
}
