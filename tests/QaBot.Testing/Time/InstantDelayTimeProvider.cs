using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace QaBot.Testing.Time;

/// <summary>
/// A clock for code that waits (<c>Task.Delay(delay, timeProvider)</c>): every wait completes at once, moves the
/// clock on by the wait, and is recorded, so tests can assert exactly how long code chose to wait without waiting.
/// </summary>
public sealed class InstantDelayTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _clock;
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public InstantDelayTimeProvider(DateTimeOffset? start = null)
    {
        _clock = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    }

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public void Advance(TimeSpan by) => _clock.Advance(by);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            _clock.Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
