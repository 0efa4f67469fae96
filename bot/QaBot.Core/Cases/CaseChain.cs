using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Core.Cases;

/// <summary>
/// One statutory chain of one case: a looked-after child's reviews, a child protection plan's review conferences, a
/// complaint at one stage. Holds only the case reference, dates and ids of people, never a child's details. Changed
/// only through <see cref="CaseChains.Apply"/>.
/// </summary>
/// <param name="Rule">The statutory rule's id (statutory-rules.yaml).</param>
/// <param name="Duty">The catalogue duty that owns the chain (the one naming the rule in its <c>statutoryRules</c>).</param>
/// <param name="Responsible">Who holds the case now (the IRO, CP chair or complaints manager).</param>
/// <param name="Started">The date of the event the chain counts from.</param>
/// <param name="Held">The dates each link was actually held, in order (review 1, review 2 ...).</param>
/// <param name="ExtendedTo">An extension recorded for the current link, where the procedure allows one.</param>
/// <param name="ClosedOn">The date the chain ended (case closed, transferred out, plan ended, last link held).</param>
/// <param name="History">Every event recorded, oldest first.</param>
public sealed record CaseChain(
    CaseReference Case,
    string Rule,
    DutyId Duty,
    PersonId Responsible,
    DateOnly Started,
    IReadOnlyList<DateOnly> Held,
    DateOnly? ExtendedTo,
    DateOnly? ClosedOn,
    IReadOnlyList<CaseEvent> History)
{
    public bool IsOpen => ClosedOn is null;

    /// <summary>True when both say the same thing (lists compared item by item).</summary>
    public bool SameAs(CaseChain other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Held = [], History = [] } == other with { Held = [], History = [] }
            && Held.SequenceEqual(other.Held)
            && History.SequenceEqual(other.History);
    }
}

/// <summary>One event recorded on a chain.</summary>
/// <param name="On">The date it happened (for an extension: the date it was agreed).</param>
/// <param name="By">Who recorded it.</param>
/// <param name="To">For a transfer: who holds the case now. For an extension: null.</param>
/// <param name="ExtendedTo">For an extension: the new deadline.</param>
public sealed record CaseEvent(CaseEventKind Kind, DateOnly On, PersonId By, PersonId? To = null, DateOnly? ExtendedTo = null);

/// <summary>What can happen in a chain.</summary>
public enum CaseEventKind
{
    /// <summary>The event the rule counts from: becoming looked after, the strategy discussion, the initial conference, a complaint at a stage.</summary>
    Started,

    /// <summary>The current link took place: a review or conference held, a complaint response sent, a panel held.</summary>
    Held,

    /// <summary>An extension to the current link's deadline, as far as the procedure allows.</summary>
    Extended,

    /// <summary>The case passed to another person: the chain and its open items go with it.</summary>
    Transferred,

    /// <summary>The case closed, the child is no longer looked after, the plan ended, or the complaint moved on.</summary>
    Closed,
}
