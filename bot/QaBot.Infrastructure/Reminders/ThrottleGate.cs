using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// A sender's view of the shared "throttled until" marker. It reads the marker from storage at most once per
/// refresh interval (so thousands of sends do not each read it), waits while it lies ahead, and when Teams answers
/// 429 it moves the marker later for every instance. One per sender process; thread-safe.
/// </summary>
public sealed class ThrottleGate : IDisposable
{
    private readonly IThrottleMarker _marker;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Lock _lock = new();
    private DateTimeOffset _until = DateTimeOffset.MinValue;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public ThrottleGate(IThrottleMarker marker, TimeProvider time, TimeSpan refresh)
    {
        _marker = marker ?? throw new ArgumentNullException(nameof(marker));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _refresh = refresh;
    }

    /// <summary>Waits until no instance has been told to hold off. Returns how long it waited.</summary>
    public async Task<TimeSpan> WaitAsync(CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var now = _time.GetUtcNow();
            if (now - ReadAt >= _refresh)
            {
                await RefreshAsync(now, cancellationToken).ConfigureAwait(false);
            }

            DateTimeOffset until;
            lock (_lock)
            {
                until = _until;
            }

            var wait = until - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return waited;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }

    /// <summary>Teams answered 429: every sender holds off for <paramref name="wait"/> from now.</summary>
    public async Task ReportThrottledAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = _time.GetUtcNow() + wait;
        lock (_lock)
        {
            if (until > _until)
            {
                _until = until;
            }
        }

        await _marker.ExtendAsync(until, cancellationToken).ConfigureAwait(false);
    }

    private DateTimeOffset ReadAt
    {
        get
        {
            lock (_lock)
            {
                return _readAt;
            }
        }
    }

    private async Task RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (now - ReadAt < _refresh)
            {
                return;
            }

            var stored = await _marker.GetAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (stored is { } until && until > _until)
                {
                    _until = until;
                }

                _readAt = now;
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();
}
