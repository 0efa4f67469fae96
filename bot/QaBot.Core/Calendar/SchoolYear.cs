namespace QaBot.Core.Calendar;

/// <summary>A school year, 1 September to 31 August, labelled like "2025/26".</summary>
public sealed record SchoolYear(string Label, int StartYear, IReadOnlyList<HalfTerm> HalfTerms, bool Provisional, string? Source)
{
    public DateOnly Start => new(StartYear, 9, 1);

    public DateOnly End => new(StartYear + 1, 8, 31);

    /// <summary>The label for the school year starting in September of <paramref name="startYear"/>: "2025/26".</summary>
    public static string LabelFor(int startYear) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{startYear}/{(startYear + 1) % 100:00}");

    /// <summary>The start year of the school year a date falls in.</summary>
    public static int StartYearOf(DateOnly date) => date.Month >= 9 ? date.Year : date.Year - 1;
}
