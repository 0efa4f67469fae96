using System.Globalization;
using QaBot.Core.Meetings.Schedules;

namespace QaBot.Core.Meetings;

/// <summary>
/// A calendar series: every <see cref="IntervalMonths"/> months on <see cref="Day"/>, from <see cref="StartDate"/> (the
/// first meeting's date) to <see cref="EndDate"/> or with no end. Maps onto a Graph recurrence: relativeMonthly for a
/// weekday ("first tuesday"), absoluteMonthly for a day of the month, with the same interval and range.
/// </summary>
public sealed record MeetingRecurrence(MeetingDay Day, int IntervalMonths, DateOnly StartDate, DateOnly? EndDate)
{
    /// <summary>The first date on or after <paramref name="from"/> that the pattern gives, counting months from <paramref name="from"/>'s month.</summary>
    public static DateOnly? FirstOnOrAfter(MeetingDay day, DateOnly from, DateOnly? until)
    {
        ArgumentNullException.ThrowIfNull(day);
        for (var month = new DateOnly(from.Year, from.Month, 1); until is null || month <= until; month = month.AddMonths(1))
        {
            var date = day.InMonth(month.Year, month.Month);
            if (date >= from)
            {
                return until is { } end && date > end ? null : date;
            }
        }

        return null;
    }

    /// <summary>The meeting dates from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public IEnumerable<DateOnly> Occurrences(DateOnly from, DateOnly to)
    {
        var last = EndDate is { } end && end < to ? end : to;
        for (var month = new DateOnly(StartDate.Year, StartDate.Month, 1); month <= last; month = month.AddMonths(IntervalMonths))
        {
            var date = Day.InMonth(month.Year, month.Month);
            if (date >= StartDate && date >= from && date <= last)
            {
                yield return date;
            }
        }
    }

    /// <summary>"every 2 months on the first tuesday from 2027-01-05, no end".</summary>
    public string Describe()
    {
        var end = EndDate is { } e ? $"until {e:yyyy-MM-dd}" : "no end";
        return string.Create(CultureInfo.InvariantCulture, $"{Rhythm()} from {StartDate:yyyy-MM-dd}, {end}");
    }

    /// <summary>"every 2 months on the first tuesday".</summary>
    public string Rhythm()
    {
        var every = IntervalMonths switch
        {
            1 => "every month",
            12 => "every year",
            _ => string.Create(CultureInfo.InvariantCulture, $"every {IntervalMonths} months"),
        };
        var on = Day.IsWeekday ? $"on the {Day}" : $"on {Day}";
        return $"{every} {on}";
    }
}
