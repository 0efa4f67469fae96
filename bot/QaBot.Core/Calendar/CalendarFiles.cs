namespace QaBot.Core.Calendar;

/// <summary>Where each part of the calendar was loaded from, for error messages and warnings.</summary>
public sealed record CalendarFiles(string BankHolidays, string SchoolTerms, string CouncilYears)
{
    public const string BankHolidaysFileName = "bank-holidays.yaml";
    public const string SchoolTermsFileName = "school-terms.yaml";
    public const string CouncilYearsFileName = "council-years.yaml";

    public static CalendarFiles Default { get; } = In("Data/calendar");

    /// <summary>The three files' names in a folder, as messages show them.</summary>
    public static CalendarFiles In(string folder) => new(
        $"{folder}/{BankHolidaysFileName}",
        $"{folder}/{SchoolTermsFileName}",
        $"{folder}/{CouncilYearsFileName}");
}
