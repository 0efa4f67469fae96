using System.Globalization;

namespace QaBot.Core.Calendar;

/// <summary>Dates and times as people in the council write them: "Fri 28 Aug 2026", "14:05".</summary>
public static class UkDates
{
    // The invariant culture's English names, not en-GB's: ICU abbreviates September to "Sept" there.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>"Fri 28 Aug 2026".</summary>
    public static string Format(DateOnly date) => date.ToString("ddd d MMM yyyy", English);

    /// <summary>"Friday 28 August 2026".</summary>
    public static string FormatLong(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    /// <summary>"14:05", on the 24-hour clock.</summary>
    public static string Time(DateTimeOffset localTime) => localTime.ToString("HH:mm", English);

    /// <summary>"1 item", "3 items".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(English, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
