namespace QaBot.Application.Reminders;

/// <summary>The shared budget's windows: whole seconds of UTC, numbered by Unix time.</summary>
public static class BudgetWindows
{
    /// <summary>The window <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset Containing(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    /// <summary>The window's number; refuses an instant that is not the start of a whole second.</summary>
    public static long Second(DateTimeOffset windowStart)
    {
        if (windowStart.ToUnixTimeMilliseconds() % 1000 != 0 || windowStart.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"A rate window starts on a whole second; {windowStart:O} does not.", nameof(windowStart));
        }

        return windowStart.ToUnixTimeSeconds();
    }
}
