namespace QaBot.Core.Meetings.Schedules;

/// <summary>How often a scheduled meeting is held. The names in the meetings file are the framework's cadence names.</summary>
public enum MeetingCadence
{
    Monthly,
    EveryTwoMonths,
    Quarterly,
    TwiceYearly,
    Yearly,

    /// <summary>Twice a month, on two days of the month (two series in the calendar).</summary>
    TwiceMonthly,

    /// <summary>Once in each half-term of the school year, from the council's term dates (single meetings, not a series).</summary>
    HalfTermly,
}
