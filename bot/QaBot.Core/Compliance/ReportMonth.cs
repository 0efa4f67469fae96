using System.Globalization;

namespace QaBot.Core.Compliance;

/// <summary>A calendar month, the unit the compliance model counts in (written yyyy-MM).</summary>
public readonly record struct ReportMonth : IComparable<ReportMonth>
{
    public ReportMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public static ReportMonth Of(DateOnly date) => new(date.Year, date.Month);

    public ReportMonth Next() => Of(FirstDay.AddMonths(1));

    public ReportMonth Previous() => Of(FirstDay.AddMonths(-1));

    /// <summary>Reads yyyy-MM, or explains what is wrong with the text.</summary>
    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (DateOnly.TryParseExact((text ?? string.Empty).Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && first.Year >= 2000)
        {
            month = Of(first);
            return true;
        }

        return false;
    }

    public static ReportMonth Parse(string text) =>
        TryParse(text, out var month) ? month : throw new FormatException($"'{text}' is not a month: write it as yyyy-MM, for example 2026-11.");

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IReadOnlyList<ReportMonth> Range(ReportMonth from, ReportMonth to)
    {
        var months = new List<ReportMonth>();
        for (var m = from; m.CompareTo(to) <= 0; m = m.Next())
        {
            months.Add(m);
        }

        return months;
    }

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(ReportMonth left, ReportMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(ReportMonth left, ReportMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReportMonth left, ReportMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReportMonth left, ReportMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>As a council writes it: "November 2026".</summary>
    public string ToDisplay() => FirstDay.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
