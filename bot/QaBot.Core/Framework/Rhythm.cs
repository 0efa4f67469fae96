namespace QaBot.Core.Framework;

/// <summary>
/// How often a duty falls due, parsed from the framework's own words. Every frequency phrase maps to exactly one
/// rhythm; an unknown phrase is an error, never a silent default.
/// </summary>
public abstract record Rhythm
{
    public abstract RhythmKind Kind { get; }

    /// <summary>The number of occurrences the rhythm promises in a year, or null where no count applies.</summary>
    public abstract int? PerYear { get; }
}

public enum RhythmKind
{
    /// <summary>A calendar cadence: monthly, every two months, quarterly, twice a year, yearly, N a year, twice a month.</summary>
    Fixed,

    /// <summary>A cadence that follows the school calendar: half-termly, monthly in term time.</summary>
    School,

    /// <summary>A programme of activity through the year whose count is a council setting.</summary>
    Programme,

    /// <summary>Deadlines anchored to an event in a case (statutory timescales).</summary>
    Statutory,

    /// <summary>No cadence: people log the activity when it happens instead of being reminded.</summary>
    None,
}

public enum FixedCadence
{
    Monthly,
    EveryTwoMonths,
    Quarterly,
    TwiceYearly,
    Yearly,
    TimesPerYear,
    TwiceMonthly,
}

/// <summary>A fixed calendar cadence; <see cref="Count"/> is the number per year.</summary>
public sealed record FixedRhythm(FixedCadence Cadence, int Count) : Rhythm
{
    public override RhythmKind Kind => RhythmKind.Fixed;

    public override int? PerYear => Count;

    public static FixedRhythm Of(FixedCadence cadence) => cadence switch
    {
        FixedCadence.Monthly => new(cadence, 12),
        FixedCadence.EveryTwoMonths => new(cadence, 6),
        FixedCadence.Quarterly => new(cadence, 4),
        FixedCadence.TwiceYearly => new(cadence, 2),
        FixedCadence.Yearly => new(cadence, 1),
        FixedCadence.TwiceMonthly => new(cadence, 24),
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Give a count for TimesPerYear."),
    };
}

public enum SchoolCadence
{
    /// <summary>Once in each of the six half-terms of the school year.</summary>
    HalfTermly,

    /// <summary>Once in each calendar month that has term days.</summary>
    MonthlyInTermTime,
}

/// <summary>A cadence that follows the school calendar.</summary>
public sealed record SchoolRhythm(SchoolCadence Cadence) : Rhythm
{
    public override RhythmKind Kind => RhythmKind.School;

    /// <summary>Six half-terms a year; eleven months with term days in a usual school year (none in August).</summary>
    public override int? PerYear => Cadence == SchoolCadence.HalfTermly ? 6 : 11;
}

/// <summary>
/// A programme through the year ("annual programme of visits"): the count is a council setting named
/// <see cref="Setting"/>, with <see cref="Count"/> the value in force (the documented default unless overridden).
/// </summary>
public sealed record ProgrammeRhythm(string Setting, int Count) : Rhythm
{
    public override RhythmKind Kind => RhythmKind.Programme;

    public override int? PerYear => Count;
}

/// <summary>Deadlines anchored to case events, produced by the statutory rules named in <see cref="RuleIds"/>.</summary>
public sealed record StatutoryRhythm(IReadOnlyList<string> RuleIds) : Rhythm
{
    public override RhythmKind Kind => RhythmKind.Statutory;

    public override int? PerYear => null;

    // Two statutory rhythms are the same when they name the same rules in the same order, whatever list holds them.
    public bool Equals(StatutoryRhythm? other) =>
        other is not null && RuleIds.SequenceEqual(other.RuleIds, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var id in RuleIds)
        {
            hash.Add(id, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}

public enum NoCadenceReason
{
    AsRequired,
    Ongoing,
    AsRelevant,
    AsSetOutInPolicy,
}

/// <summary>No reminders: the activity is logged when it happens.</summary>
public sealed record NoCadence(NoCadenceReason Reason) : Rhythm
{
    public override RhythmKind Kind => RhythmKind.None;

    public override int? PerYear => null;
}
