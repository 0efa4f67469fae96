namespace QaBot.BotFramework.Hosting;

/// <summary>
/// Lets a refusal log through at most once per <see cref="Window"/> for each reason, and counts those held back, so
/// that strangers sending bad requests cannot fill the logs (or the bill for them) while the reasons stay visible.
/// </summary>
internal sealed class RefusalLogLimiter
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Reasons are a small fixed set; the cap only guards against a bug that puts caller data in one.
    private const int MaxReasons = 256;

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _reasons = new(StringComparer.Ordinal);

    public RefusalLogLimiter(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>True when this reason may be logged now; <paramref name="heldBack"/> is how many were not logged since the last time.</summary>
    public bool ShouldLog(string reason, out int heldBack)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_reasons.TryGetValue(reason, out var entry) && now - entry.LoggedAt < Window)
            {
                entry.HeldBack++;
                heldBack = entry.HeldBack;
                return false;
            }

            if (entry is null && _reasons.Count >= MaxReasons)
            {
                _reasons.Clear();
            }

            heldBack = entry?.HeldBack ?? 0;
            _reasons[reason] = new Entry { LoggedAt = now };
            return true;
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset LoggedAt { get; init; }

        public int HeldBack { get; set; }
    }
}
