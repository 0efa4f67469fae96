using Cronos;

namespace QaBot.Infrastructure.Reminders;

/// <summary>The run's schedule: an NCRONTAB expression in UTC, with seconds (six fields) as the Functions timer reads it, or five fields.</summary>
public static class ReminderSchedule
{
    public static bool TryParse(string? text, out CronExpression? expression, out string? problem)
    {
        expression = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "give an NCRONTAB expression such as '0 */15 * * * *' (every 15 minutes, UTC).";
            return false;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            expression = CronExpression.Parse(text, format);
            return true;
        }
        catch (CronFormatException e)
        {
            problem = $"'{text}' is not an NCRONTAB expression ({e.Message}).";
            return false;
        }
    }

    /// <summary>How long apart two runs usually are: the gap after the next occurrence from <paramref name="from"/>.</summary>
    public static TimeSpan Interval(CronExpression expression, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var first = expression.GetNextOccurrence(from, TimeZoneInfo.Utc);
        var second = first is { } f ? expression.GetNextOccurrence(f, TimeZoneInfo.Utc) : null;
        return first is { } a && second is { } b ? b - a : TimeSpan.FromDays(1);
    }
}
