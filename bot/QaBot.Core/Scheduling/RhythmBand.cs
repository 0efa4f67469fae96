using QaBot.Core.Framework;

namespace QaBot.Core.Scheduling;

/// <summary>
/// How long a duty's period is, for choosing how far ahead it is reminded: a monthly supervision needs a week's
/// notice, an annual report a month's.
/// </summary>
public enum RhythmBand
{
    /// <summary>Six or more a year (monthly, every two months, half-termly, twice a month), and statutory deadlines.</summary>
    MonthlyOrMoreOften,

    /// <summary>Three to five a year: quarterly, termly, a programme of four visits.</summary>
    Quarterly,

    /// <summary>Twice a year.</summary>
    HalfYearly,

    /// <summary>Once a year.</summary>
    Yearly,
}

public static class RhythmBands
{
    /// <summary>The band of a rhythm, from how many times a year it falls due. Statutory deadlines and duties without a cadence count as monthly.</summary>
    public static RhythmBand Of(Rhythm rhythm)
    {
        ArgumentNullException.ThrowIfNull(rhythm);
        return rhythm.PerYear switch
        {
            null or >= 6 => RhythmBand.MonthlyOrMoreOften,
            >= 3 => RhythmBand.Quarterly,
            2 => RhythmBand.HalfYearly,
            _ => RhythmBand.Yearly,
        };
    }
}
