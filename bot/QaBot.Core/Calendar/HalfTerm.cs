namespace QaBot.Core.Calendar;

/// <summary>One of the six half-terms of a school year (1 = Autumn 1 ... 6 = Summer 2).</summary>
/// <param name="Closures">Days inside the half-term on which schools are closed (other than bank holidays).</param>
public sealed record HalfTerm(
    string SchoolYear,
    int Number,
    string Name,
    DateOnly First,
    DateOnly Last,
    IReadOnlyList<DateOnly> Closures,
    bool Provisional)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;
}
