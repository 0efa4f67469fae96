using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// Keeps the requests of every sender instance together within the app-wide limit: each instance claims shares of
/// each one-second window's budget from storage (<see cref="IRateWindowStore"/>) and grants requests only from what
/// it claimed, while its own <see cref="RequestRateLimiter"/> still holds the per-conversation limit and the
/// instance's own pace. It degrades to slower, never faster: a claim that comes back after its window is no longer
/// usable is dropped, nothing is granted in the last <c>margin</c> of a window (a request granted then could arrive in
/// the next), and a store that cannot be claimed from grants nothing. One per sender process; thread-safe.
/// </summary>
public sealed class SharedRateLimiter : IDisposable
{
    private readonly IRateWindowStore _store;
    private readonly RequestRateLimiter _local;
    private readonly int _limit;
    private readonly int _share;
    private readonly TimeSpan _margin;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _claiming = new(1, 1);
    private DateTimeOffset _window = DateTimeOffset.MinValue;
    private int _left;

    /// <param name="share">Requests claimed from storage at a time: fewer means more round trips, more means more left unused at a window's end.</param>
    public SharedRateLimiter(IRateWindowStore store, RequestRateLimiter local, int share, TimeSpan margin, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentOutOfRangeException.ThrowIfLessThan(share, 1);
        if (margin < TimeSpan.Zero || margin >= TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be at least zero and under one second.");
        }

        _store = store ?? throw new ArgumentNullException(nameof(store));
        _local = local;
        _limit = local.GlobalPerSecond;
        _share = Math.Min(share, _limit);
        _margin = margin;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Waits until one more request to <paramref name="conversation"/> fits in the shared and local limits; the request must follow at once.</summary>
    public async ValueTask AcquireAsync(string conversation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = await TryAcquireAsync(conversation, cancellationToken).ConfigureAwait(false);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Grants a request now (returns zero) or says how long to wait before asking again.</summary>
    internal async ValueTask<TimeSpan> TryAcquireAsync(string conversation, CancellationToken cancellationToken)
    {
        var shared = await TryTakeSharedAsync(cancellationToken).ConfigureAwait(false);
        if (shared is not { } window)
        {
            return UntilNextWindow();
        }

        var local = _local.TryAcquire(conversation);
        if (local > TimeSpan.Zero)
        {
            GiveBack(window);
            return local;
        }

        return TimeSpan.Zero;
    }

    public void Dispose() => _claiming.Dispose();

    /// <summary>Takes one request from the share claimed for the current window, claiming another share when it runs out; null when none is to be had.</summary>
    private async ValueTask<DateTimeOffset?> TryTakeSharedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            var window = BudgetWindows.Containing(now);
            if (now >= window + TimeSpan.FromSeconds(1) - _margin)
            {
                return null;
            }

            lock (_lock)
            {
                if (_window == window && _left > 0)
                {
                    _left--;
                    return window;
                }

                if (_window == window && _left < 0)
                {
                    // This window's budget is spent for every instance: wait for the next.
                    return null;
                }
            }

            await _claiming.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                lock (_lock)
                {
                    if (_window == window && _left != 0)
                    {
                        // Another caller claimed while this one waited its turn.
                        continue;
                    }
                }

                var claimed = await _store.ClaimAsync(window, _share, _limit, cancellationToken).ConfigureAwait(false);
                var usable = _time.GetUtcNow() < window + TimeSpan.FromSeconds(1) - _margin;
                lock (_lock)
                {
                    _window = window;

                    // -1 marks the window spent (nothing more to claim in it); a claim that came back too late is dropped.
                    _left = claimed > 0 && usable ? claimed : -1;
                }
            }
            finally
            {
                _claiming.Release();
            }
        }
    }

    private void GiveBack(DateTimeOffset window)
    {
        lock (_lock)
        {
            if (_window == window && _left >= 0)
            {
                _left++;
            }
            else if (_window == window)
            {
                _left = 1;
            }
        }
    }

    private TimeSpan UntilNextWindow()
    {
        var now = _time.GetUtcNow();
        var wait = BudgetWindows.Containing(now) + TimeSpan.FromSeconds(1) - now;
        return wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1);
    }
}
