namespace QaBot.Core.Framework;

/// <summary>Plain-English descriptions of rhythms and the stable names used for them in files and JSON.</summary>
public static class RhythmDescription
{
    public static string Describe(Rhythm rhythm)
    {
        ArgumentNullException.ThrowIfNull(rhythm);
        return rhythm switch
        {
            FixedRhythm { Cadence: FixedCadence.Monthly } => "monthly (12 a year)",
            FixedRhythm { Cadence: FixedCadence.EveryTwoMonths } => "every two months (6 a year)",
            FixedRhythm { Cadence: FixedCadence.Quarterly } => "quarterly (4 a year)",
            FixedRhythm { Cadence: FixedCadence.TwiceYearly } => "twice a year",
            FixedRhythm { Cadence: FixedCadence.Yearly } => "yearly",
            FixedRhythm { Cadence: FixedCadence.TwiceMonthly } => "twice a month (24 a year)",
            FixedRhythm { Cadence: FixedCadence.TimesPerYear } f => $"{f.Count} a year, spread evenly",
            SchoolRhythm { Cadence: SchoolCadence.HalfTermly } => "half-termly (6 a year)",
            SchoolRhythm { Cadence: SchoolCadence.MonthlyInTermTime } => "monthly in term time",
            ProgrammeRhythm p => $"programme: {p.Count} a year (setting {p.Setting})",
            StatutoryRhythm s => $"statutory: {string.Join(", ", s.RuleIds)}",
            NoCadence { Reason: NoCadenceReason.AsRequired } => "no reminders: as required",
            NoCadence { Reason: NoCadenceReason.Ongoing } => "no reminders: ongoing",
            NoCadence { Reason: NoCadenceReason.AsRelevant } => "no reminders: as relevant to each role",
            NoCadence { Reason: NoCadenceReason.AsSetOutInPolicy } => "no reminders: as set out in policy",
            _ => throw new ArgumentOutOfRangeException(nameof(rhythm), rhythm, "A rhythm this version does not describe."),
        };
    }

    public static string Name(RhythmKind kind) => kind switch
    {
        RhythmKind.Fixed => "fixed",
        RhythmKind.School => "school",
        RhythmKind.Programme => "programme",
        RhythmKind.Statutory => "statutory",
        RhythmKind.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Name(FixedCadence cadence) => cadence switch
    {
        FixedCadence.Monthly => "monthly",
        FixedCadence.EveryTwoMonths => "every-two-months",
        FixedCadence.Quarterly => "quarterly",
        FixedCadence.TwiceYearly => "twice-yearly",
        FixedCadence.Yearly => "yearly",
        FixedCadence.TimesPerYear => "times-per-year",
        FixedCadence.TwiceMonthly => "twice-monthly",
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, null),
    };

    public static string Name(SchoolCadence cadence) => cadence switch
    {
        SchoolCadence.HalfTermly => "half-termly",
        SchoolCadence.MonthlyInTermTime => "monthly-in-term-time",
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, null),
    };

    public static string Name(NoCadenceReason reason) => reason switch
    {
        NoCadenceReason.AsRequired => "as-required",
        NoCadenceReason.Ongoing => "ongoing",
        NoCadenceReason.AsRelevant => "as-relevant",
        NoCadenceReason.AsSetOutInPolicy => "as-set-out-in-policy",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static string Name(BiMonthlyReading reading) => reading switch
    {
        BiMonthlyReading.EveryTwoMonths => "every-two-months",
        BiMonthlyReading.TwiceAMonth => "twice-a-month",
        _ => throw new ArgumentOutOfRangeException(nameof(reading), reading, null),
    };

    public static string Name(MeetingPart part) => part switch
    {
        MeetingPart.Chair => "chair",
        MeetingPart.Attend => "attend",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };
}
