namespace QaBot.Core.Scheduling.Statutory;

/// <summary>One deadline of a statutory chain.</summary>
/// <param name="N">1 for the first review (visit, conference...), 2 for the second and so on.</param>
/// <param name="CountedFrom">The date the timescale ran from: the event, or the previous link (held date or deadline).</param>
/// <param name="Basis">How the date was worked out, in plain words.</param>
/// <param name="Id">The occurrence id for a case's deadline; null when the chain was worked out without a case.</param>
public sealed record StatutoryDeadline(int N, DateOnly Due, DateOnly CountedFrom, string Basis, OccurrenceId? Id)
{
    /// <summary>The longest extension the procedure allows for this link (complaints), counted like the timescale; null when none.</summary>
    public StatutoryInterval? ExtendableTo { get; init; }
}
