using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QaBot.Core.Scheduling;

/// <summary>
/// When in its period an occurrence falls due. Written in settings as <c>last-working-day</c> (the default),
/// <c>first-working-day</c>, <c>day-of-period:N</c> (the Nth day of the period, moved to a working day by the
/// policy), <c>working-days-after-period:N</c> (the Nth working day after the period ends) or
/// <c>month-of-period:M</c> / <c>month-of-period:M:D</c> (the last working day, or day D, of the period's Mth month:
/// an annual report due in July is <c>month-of-period:7</c> in a calendar year, <c>month-of-period:4</c> in a
/// financial one).
/// </summary>
/// <param name="Day">For <see cref="DueRuleKind.MonthOfPeriod"/>: the day of that month, or 0 for its last working day.</param>
public sealed record DueRule(DueRuleKind Kind, int Value = 0, int Day = 0)
{
    public static DueRule LastWorkingDay { get; } = new(DueRuleKind.LastWorkingDay);

    public static DueRule FirstWorkingDay { get; } = new(DueRuleKind.FirstWorkingDay);

    public static bool TryParse(string? text, [NotNullWhen(true)] out DueRule? rule, out string? problem)
    {
        rule = null;
        problem = null;
        var trimmed = text?.Trim() ?? string.Empty;
        switch (trimmed)
        {
            case "last-working-day":
                rule = LastWorkingDay;
                return true;
            case "first-working-day":
                rule = FirstWorkingDay;
                return true;
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? trimmed : trimmed[..colon];
        var hasNumber = int.TryParse(colon < 0 ? null : trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n);
        switch (name)
        {
            case "day-of-period" when hasNumber && n is >= 1 and <= 366:
                rule = new DueRule(DueRuleKind.DayOfPeriod, n);
                return true;
            case "day-of-period":
                problem = $"'{trimmed}': give the day of the period from 1, e.g. day-of-period:15";
                return false;
            case "working-days-after-period" when hasNumber && n is >= 1 and <= 60:
                rule = new DueRule(DueRuleKind.WorkingDaysAfterPeriod, n);
                return true;
            case "working-days-after-period":
                problem = $"'{trimmed}': give a number of working days from 1 to 60, e.g. working-days-after-period:10";
                return false;
            case "month-of-period":
                return TryParseMonthOfPeriod(trimmed, colon < 0 ? string.Empty : trimmed[(colon + 1)..], out rule, out problem);
            default:
                problem = $"'{trimmed}' is not a due rule; use last-working-day, first-working-day, day-of-period:N, working-days-after-period:N or month-of-period:M[:D]";
                return false;
        }
    }

    private static bool TryParseMonthOfPeriod(string text, string arguments, [NotNullWhen(true)] out DueRule? rule, out string? problem)
    {
        rule = null;
        problem = null;
        var parts = arguments.Split(':');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            if (parts.Length == 1)
            {
                rule = new DueRule(DueRuleKind.MonthOfPeriod, month);
                return true;
            }

            if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
            {
                rule = new DueRule(DueRuleKind.MonthOfPeriod, month, day);
                return true;
            }
        }

        problem = $"'{text}': give the month of the period from 1 to 12 and, if not its last working day, the day from 1 to 31, e.g. month-of-period:7 or month-of-period:3:15";
        return false;
    }

    public override string ToString() => Kind switch
    {
        DueRuleKind.LastWorkingDay => "last-working-day",
        DueRuleKind.FirstWorkingDay => "first-working-day",
        DueRuleKind.DayOfPeriod => string.Create(CultureInfo.InvariantCulture, $"day-of-period:{Value}"),
        DueRuleKind.WorkingDaysAfterPeriod => string.Create(CultureInfo.InvariantCulture, $"working-days-after-period:{Value}"),
        DueRuleKind.MonthOfPeriod when Day == 0 => string.Create(CultureInfo.InvariantCulture, $"month-of-period:{Value}"),
        DueRuleKind.MonthOfPeriod => string.Create(CultureInfo.InvariantCulture, $"month-of-period:{Value}:{Day}"),
        _ => Kind.ToString(),
    };
}

public enum DueRuleKind
{
    LastWorkingDay,
    FirstWorkingDay,
    DayOfPeriod,
    WorkingDaysAfterPeriod,

    /// <summary>The last working day (or a given day) of one month of the period.</summary>
    MonthOfPeriod,
}
