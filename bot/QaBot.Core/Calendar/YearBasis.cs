namespace QaBot.Core.Calendar;

/// <summary>Which year a duty's yearly periods follow.</summary>
public enum YearBasis
{
    /// <summary>January to December.</summary>
    Calendar,

    /// <summary>The financial year, April to March by default.</summary>
    Financial,

    /// <summary>The municipal year, from the Annual Council meeting in May.</summary>
    Municipal,
}
