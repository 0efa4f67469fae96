using System.Globalization;

namespace QaBot.Core.Meetings.Schedules;

/// <summary>
/// The day a meeting falls on within its month (or half-term): a weekday and which of them (<c>first tuesday</c>,
/// <c>last friday</c>), or a day of the month (<c>day 15</c>).
/// </summary>
public sealed record MeetingDay
{
    private MeetingDay(WeekOfMonth? week, DayOfWeek? weekday, int? dayOfMonth)
    {
        Week = week;
        Weekday = weekday;
        DayOfMonth = dayOfMonth;
    }

    public WeekOfMonth? Week { get; }

    public DayOfWeek? Weekday { get; }

    /// <summary>1 to 28, so that every month has it.</summary>
    public int? DayOfMonth { get; }

    public bool IsWeekday => Weekday is not null;

    public static MeetingDay Nth(WeekOfMonth week, DayOfWeek weekday) => new(week, weekday, null);

    public static MeetingDay OfMonth(int day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, MaxDayOfMonth);
        return new(null, null, day);
    }

    public const int MaxDayOfMonth = 28;

    /// <summary>Reads <c>first tuesday</c>, <c>Last Friday</c>, <c>day 15</c>; null with a reason when the phrase is not one of those.</summary>
    public static MeetingDay? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var words = text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 2 && words[0] == "day")
        {
            if (int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= MaxDayOfMonth)
            {
                return OfMonth(day);
            }

            problem = $"'{text}': the day of the month must be from 1 to {MaxDayOfMonth} (every month has it); for the end of the month use e.g. 'last friday'";
            return null;
        }

        if (words.Length == 2 && Weeks.TryGetValue(words[0], out var week) && Weekdays.TryGetValue(words[1], out var weekday))
        {
            return Nth(week, weekday);
        }

        problem = $"'{text}' is not a meeting day: write which weekday of the month, e.g. 'first tuesday', 'third wednesday', 'last friday', or a day of the month, e.g. 'day 15'";
        return null;
    }

    public override string ToString() => DayOfMonth is { } day
        ? string.Create(CultureInfo.InvariantCulture, $"day {day}")
        : $"{Week.ToString()!.ToLowerInvariant()} {Weekday.ToString()!.ToLowerInvariant()}";

    /// <summary>The date in the given month, or null when the month has no such day (a fifth weekday never occurs: only first to fourth and last).</summary>
    public DateOnly InMonth(int year, int month)
    {
        if (DayOfMonth is { } day)
        {
            return new DateOnly(year, month, day);
        }

        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return Within(first, last) ?? throw new InvalidOperationException("Every month has a first to fourth and a last of each weekday.");
    }

    /// <summary>The nth (or last) weekday from <paramref name="first"/> to <paramref name="last"/>; null when the range has too few.</summary>
    public DateOnly? Within(DateOnly first, DateOnly last)
    {
        if (Weekday is not { } weekday || Week is not { } week)
        {
            throw new InvalidOperationException("Only a weekday meeting day falls within a range.");
        }

        if (week == WeekOfMonth.Last)
        {
            var end = last;
            while (end.DayOfWeek != weekday)
            {
                end = end.AddDays(-1);
            }

            return end >= first ? end : null;
        }

        var start = first;
        while (start.DayOfWeek != weekday)
        {
            start = start.AddDays(1);
        }

        var date = start.AddDays(7 * ((int)week - 1));
        return date <= last ? date : null;
    }

    private static readonly Dictionary<string, WeekOfMonth> Weeks = new(StringComparer.Ordinal)
    {
        ["first"] = WeekOfMonth.First,
        ["second"] = WeekOfMonth.Second,
        ["third"] = WeekOfMonth.Third,
        ["fourth"] = WeekOfMonth.Fourth,
        ["last"] = WeekOfMonth.Last,
    };

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
    };
}
