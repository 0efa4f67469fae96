namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// Keeps requests to the Bot Connector within Teams' limits: at most <c>global</c> requests in any window of one
/// second plus a margin, and at most <c>perConversation</c> to any one conversation in the same window. It is a
/// sliding log of the instants it granted, so the limit holds for every window, not just on average (a token
/// bucket lets a full bucket plus a second's refill through in one second). Thread-safe; one instance per sender
/// process (see docs/operations.md for why the sender runs on one instance).
/// </summary>
public sealed class RequestRateLimiter
{
    private const int SweepEvery = 4096;

    private readonly int _global;
    private readonly int _perConversation;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Queue<long> _granted = new();
    private readonly Dictionary<string, Queue<long>> _byConversation = new(StringComparer.Ordinal);
    private readonly long _startedAt;
    private int _grantsSinceSweep;

    /// <param name="startQuiet">Grant nothing during the first window: a sender that replaces one that stopped cannot add to that one's last second.</param>
    public RequestRateLimiter(int globalPerSecond, int perConversationPerSecond, TimeSpan margin, TimeProvider time, bool startQuiet = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(globalPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perConversationPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero);
        _global = globalPerSecond;
        _perConversation = perConversationPerSecond;
        _window = TimeSpan.FromSeconds(1) + margin;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _startedAt = startQuiet ? _time.GetTimestamp() : long.MinValue;
    }

    public int GlobalPerSecond => _global;

    public int PerConversationPerSecond => _perConversation;

    /// <summary>The window the limits apply to: one second plus the margin.</summary>
    public TimeSpan Window => _window;

    /// <summary>Waits until one more request to <paramref name="conversation"/> fits in both limits, and records it.</summary>
    public async ValueTask AcquireAsync(string conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        while (true)
        {
            var wait = TryAcquire(conversation);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Grants a request now (returns zero) or says how long until one may fit.</summary>
    internal TimeSpan TryAcquire(string conversation)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_startedAt != long.MinValue)
            {
                var quiet = _window - _time.GetElapsedTime(_startedAt, now);
                if (quiet > TimeSpan.Zero)
                {
                    return quiet;
                }
            }

            Prune(_granted, now);
            _byConversation.TryGetValue(conversation, out var own);
            if (own is not null)
            {
                Prune(own, now);
            }

            var wait = TimeSpan.Zero;
            if (_granted.Count >= _global)
            {
                wait = Until(_granted.Peek(), now);
            }

            if (own is not null && own.Count >= _perConversation)
            {
                var ownWait = Until(own.Peek(), now);
                wait = ownWait > wait ? ownWait : wait;
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            _granted.Enqueue(now);
            if (own is null)
            {
                own = new Queue<long>();
                _byConversation[conversation] = own;
            }

            own.Enqueue(now);
            if (++_grantsSinceSweep >= SweepEvery)
            {
                Sweep(now);
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>How long after <paramref name="now"/> the grant at <paramref name="oldest"/> leaves the window (at least a millisecond).</summary>
    private TimeSpan Until(long oldest, long now)
    {
        var left = _window - _time.GetElapsedTime(oldest, now);
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }

    private void Prune(Queue<long> grants, long now)
    {
        while (grants.Count > 0 && _time.GetElapsedTime(grants.Peek(), now) >= _window)
        {
            grants.Dequeue();
        }
    }

    private void Sweep(long now)
    {
        _grantsSinceSweep = 0;
        foreach (var key in _byConversation.Keys.ToList())
        {
            var grants = _byConversation[key];
            Prune(grants, now);
            if (grants.Count == 0)
            {
                _byConversation.Remove(key);
            }
        }
    }
}
