using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using QaBot.Core.Calendar;

namespace QaBot.Core.Scheduling.Statutory;

/// <summary>A statutory timescale such as "20 working days", "6 weeks" or "3 months".</summary>
public sealed record StatutoryInterval(int Amount, IntervalUnit Unit)
{
    /// <summary>The date the interval ends when it starts on <paramref name="date"/> (the start date itself does not count).</summary>
    public DateOnly AddTo(DateOnly date, CouncilCalendar calendar) => Unit switch
    {
        IntervalUnit.WorkingDays => calendar.AddWorkingDays(date, Amount),
        IntervalUnit.Days => date.AddDays(Amount),
        IntervalUnit.Weeks => date.AddDays(Amount * 7),
        IntervalUnit.Months => date.AddMonths(Amount),
        _ => throw new InvalidOperationException($"Unknown unit {Unit}."),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out StatutoryInterval? interval)
    {
        interval = null;
        var parts = (text ?? string.Empty).Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount is < 1 or > 1000)
        {
            return false;
        }

        IntervalUnit? unit = parts[1] switch
        {
            "working day" or "working days" => IntervalUnit.WorkingDays,
            "day" or "days" => IntervalUnit.Days,
            "week" or "weeks" => IntervalUnit.Weeks,
            "month" or "months" => IntervalUnit.Months,
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        interval = new StatutoryInterval(amount, unit.Value);
        return true;
    }

    public override string ToString()
    {
        var noun = Unit switch
        {
            IntervalUnit.WorkingDays => "working day",
            IntervalUnit.Days => "day",
            IntervalUnit.Weeks => "week",
            _ => "month",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Amount} {noun}{(Amount == 1 ? string.Empty : "s")}");
    }
}

public enum IntervalUnit
{
    WorkingDays,
    Days,
    Weeks,
    Months,
}
