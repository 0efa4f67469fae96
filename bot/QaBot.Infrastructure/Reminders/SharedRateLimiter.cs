using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// Keeps the requests of every sender instance together within the app-wide limit: each instance claims shares of
/// each one-second window's budget from storage (<see cref="IRateWindowStore"/>) and grants requests only from what
/// it claimed, each at its place in the second among all senders' requests, while its own
/// <see cref="RequestRateLimiter"/> still holds the per-conversation limit and the instance's own pace.
/// <para>
/// A second holds <c>limit - headroom</c> places, spread evenly through the whole second, place <c>n</c> at <c>n</c>
/// spacings from its start. A place is used at its time or up to one spacing after, never later, so each request
/// leaves within its own slot of the second; the <c>headroom</c> places left unused then absorb what makes requests
/// arrive unevenly (a request leaving late in its slot, the network, clocks on different machines): as long as the
/// arrivals spread by no more than <c>headroom</c> spacings in all, no span of one second, wherever it starts, holds
/// more than the limit. With no headroom the same place of two seconds running is exactly a second apart, and a
/// millisecond's delay to the first puts one request too many into the second after it.
/// </para>
/// It degrades to slower, never faster: a place not used in its slot is dropped, a claim that comes back after its
/// window is dropped, and a store that cannot be claimed from grants nothing. One per sender process; thread-safe.
/// </summary>
public sealed class SharedRateLimiter : IDisposable
{
    private readonly IRateWindowStore _store;
    private readonly RequestRateLimiter _local;
    private readonly int _places;
    private readonly int _share;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _claiming = new(1, 1);
    private readonly TimeSpan _spacing;
    private readonly SortedSet<int> _held = [];
    private DateTimeOffset _window = DateTimeOffset.MinValue;
    private bool _spent;

    /// <param name="share">Requests claimed from storage at a time: fewer means more round trips, more means more left unused at a window's end.</param>
    /// <param name="headroom">Requests of each second that every sender together leaves unused (see the class's remarks); less than the limit.</param>
    public SharedRateLimiter(IRateWindowStore store, RequestRateLimiter local, int share, int headroom, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentOutOfRangeException.ThrowIfLessThan(share, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(headroom);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(headroom, local.GlobalPerSecond);

        _store = store ?? throw new ArgumentNullException(nameof(store));
        _local = local;
        _places = local.GlobalPerSecond - headroom;
        _share = Math.Min(share, _places);
        _spacing = TimeSpan.FromSeconds(1) / _places;
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

    /// <summary>
    /// Grants a request now (returns zero) or says how long to wait before asking again. A request goes at its place in
    /// the second among every sender's requests, or within one spacing after it; a place not used in its slot is
    /// dropped: slower, never faster.
    /// </summary>
    internal async ValueTask<TimeSpan> TryAcquireAsync(string conversation, CancellationToken cancellationToken)
    {
        var shared = await TryTakeSharedAsync(cancellationToken).ConfigureAwait(false);
        if (shared is not { } place)
        {
            return UntilNextWindow();
        }

        var due = place.Window + (_spacing * place.Index);
        var early = due - _time.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            GiveBack(place);
            return early;
        }

        var local = _local.TryAcquire(conversation);
        if (local > TimeSpan.Zero)
        {
            GiveBack(place);
            return local;
        }

        return TimeSpan.Zero;
    }

    public void Dispose() => _claiming.Dispose();

    /// <summary>Takes the earliest place this sender holds in the current window, claiming more when it holds none; null when none is to be had.</summary>
    private async ValueTask<(DateTimeOffset Window, int Index)?> TryTakeSharedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            var window = BudgetWindows.Containing(now);
            lock (_lock)
            {
                // A place whose turn has passed is dropped rather than used late, where it would crowd the places after it.
                while (_window == window && _held.Count > 0 && now >= window + (_spacing * (_held.Min + 1)))
                {
                    _held.Remove(_held.Min);
                }

                if (_window == window && _held.Count > 0)
                {
                    var first = _held.Min;
                    _held.Remove(first);
                    return (window, first);
                }

                if (_window == window && _spent)
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
                    if (_window == window && (_held.Count > 0 || _spent))
                    {
                        // Another caller claimed while this one waited its turn.
                        continue;
                    }
                }

                // Places whose slot has already gone are passed over, not claimed only to be dropped.
                var firstUsable = (int)Math.Min(_places, (_time.GetUtcNow() - window) / _spacing);
                var claim = await _store.ClaimAsync(window, _share, _places, firstUsable, cancellationToken).ConfigureAwait(false);
                var usable = _time.GetUtcNow() < window + TimeSpan.FromSeconds(1);
                lock (_lock)
                {
                    if (_window != window)
                    {
                        _window = window;
                        _held.Clear();
                        _spent = false;
                    }

                    // A claim that came back too late is dropped; one that got nothing marks the window spent.
                    if (claim.Count > 0 && usable)
                    {
                        for (var i = 0; i < claim.Count; i++)
                        {
                            _held.Add(claim.First + i);
                        }
                    }
                    else
                    {
                        _spent = true;
                    }
                }
            }
            finally
            {
                _claiming.Release();
            }
        }
    }

    private void GiveBack((DateTimeOffset Window, int Index) place)
    {
        lock (_lock)
        {
            if (_window == place.Window)
            {
                _held.Add(place.Index);
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
