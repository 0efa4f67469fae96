using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QaBot.Core.Scheduling;

/// <summary>
/// When in its period an occurrence falls due. Written in settings as <c>last-working-day</c> (the default),
/// <c>first-working-day</c>, <c>day-of-period:N</c> (the Nth day of the period, moved to a working day by the
/// policy) or <c>working-days-after-period:N</c> (the Nth working day after the period ends).
/// </summary>
public sealed record DueRule(DueRuleKind Kind, int Value = 0)
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
            default:
                problem = $"'{trimmed}' is not a due rule; use last-working-day, first-working-day, day-of-period:N or working-days-after-period:N";
                return false;
        }
    }

    public override string ToString() => Kind switch
    {
        DueRuleKind.LastWorkingDay => "last-working-day",
        DueRuleKind.FirstWorkingDay => "first-working-day",
        DueRuleKind.DayOfPeriod => string.Create(CultureInfo.InvariantCulture, $"day-of-period:{Value}"),
        DueRuleKind.WorkingDaysAfterPeriod => string.Create(CultureInfo.InvariantCulture, $"working-days-after-period:{Value}"),
        _ => Kind.ToString(),
    };
}

public enum DueRuleKind
{
    LastWorkingDay,
    FirstWorkingDay,
    DayOfPeriod,
    WorkingDaysAfterPeriod,
}
