namespace QaBot.Core.Scheduling;

/// <summary>
/// A stable id for one dated obligation: the same duty, person, period (and supervisee) always give the same id,
/// so reruns of the scheduler never duplicate.
/// </summary>
public readonly record struct OccurrenceId(string Value)
{
    public override string ToString() => Value;
}
