using QaBot.Core.Organisation;

namespace QaBot.Core.Reminders;

/// <summary>
/// One message to one person: their own outstanding items and, for a manager, the overdue items escalated to them
/// from their team. The scheduler sends one per person per run; "my tasks" in chat answers with the same thing, so
/// its actions work the same way.
/// </summary>
/// <param name="OwnItems">The recipient's own items that are due or overdue, worst first.</param>
/// <param name="Escalated">Overdue items of the people the recipient manages (or of the area above), worst first.</param>
/// <param name="RunId">The scheduler run that produced it; null for an answer in chat.</param>
public sealed record Digest(
    PersonId Recipient,
    string RecipientName,
    DateOnly AsOf,
    IReadOnlyList<DigestItem> OwnItems,
    IReadOnlyList<DigestItem> Escalated,
    string? RunId)
{
    public bool IsEmpty => OwnItems.Count == 0 && Escalated.Count == 0;

    /// <summary>
    /// The recipient's own items falling due later, before their reminders start, soonest first: "my tasks" in chat
    /// shows the weeks ahead; the scheduler's digest leaves this empty.
    /// </summary>
    public IReadOnlyList<DigestItem> Upcoming { get; init; } = [];

    /// <summary>
    /// For a line manager: how the people who report to them set items aside as not applicable in the months looked
    /// back over (<c>Reports:NotApplicableLookbackMonths</c>), repeated use of one duty flagged. Shown with the items;
    /// on its own it sends nothing.
    /// </summary>
    public IReadOnlyList<SetAsideUse> SetAside { get; init; } = [];

    /// <summary>The first due date <see cref="SetAside"/> looks back to.</summary>
    public DateOnly SetAsideFrom { get; init; }

    /// <summary>
    /// The recipient's own programmes of visits or meetings for the year with fewer entries planned than their target
    /// (from <c>Assurance:ProgrammeFlagMonth</c>), and, for a line manager, those of the people who report to them (from
    /// <c>Assurance:ProgrammeManagerFlagMonth</c>). Shown with the items; on their own they send nothing.
    /// </summary>
    public IReadOnlyList<Assurance.ProgrammeShortfall> ProgrammesShort { get; init; } = [];
}
