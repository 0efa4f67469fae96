namespace QaBot.Core.Calendar;

/// <summary>
/// A date needs a year that the council's calendar data does not hold (bank holidays or school terms). This is a
/// configuration gap for operators to fix by adding the year to the named file, never something to guess around.
/// </summary>
public sealed class CalendarDataMissingException : Exception
{
    public CalendarDataMissingException(string what, string year, string file)
        : base($"The calendar has no {what} for {year}: add {year} to {file} before scheduling dates in it.")
    {
        What = what;
        Year = year;
        File = file;
    }

    public CalendarDataMissingException()
    {
        What = Year = File = string.Empty;
    }

    public CalendarDataMissingException(string message)
        : base(message)
    {
        What = Year = File = string.Empty;
    }

    public CalendarDataMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
        What = Year = File = string.Empty;
    }

    /// <summary>What is missing, e.g. "bank holidays" or "school term dates".</summary>
    public string What { get; }

    /// <summary>The year that is missing: "2029" or the school year "2028/29".</summary>
    public string Year { get; }

    /// <summary>The data file the year belongs in.</summary>
    public string File { get; }
}
