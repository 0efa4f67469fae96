namespace QaBot.Application.Governance;

/// <summary>
/// Finds, and on request removes, the records past their retention. Removal is idempotent and ordered so that a run
/// stopped part-way is finished by the next (an item's replies and nudges go before the item). Never touches the
/// compliance model: its counts outlive the items behind them.
/// </summary>
public interface IRetentionStore
{
    /// <summary>The records past retention by kind (<see cref="RetentionKinds"/>); removed too when <paramref name="remove"/>.</summary>
    Task<IReadOnlyList<TableCount>> SweepAsync(RetentionCutoffs cutoffs, bool remove, CancellationToken cancellationToken = default);
}

/// <summary>The dates and instants before which each kind of record is past retention.</summary>
/// <param name="QualityAssuranceBefore">Reviews held before this day, and audits closed before it, are past retention.</param>
/// <param name="RemindersBefore">Reminders planned for before this instant's UTC day, and digests last changed before it, are past retention.</param>
public sealed record RetentionCutoffs(DateOnly ClosedItemsDueBefore, DateTimeOffset AuditBefore, DateOnly CasesClosedBefore, DateTimeOffset StaleBefore, DateOnly QualityAssuranceBefore, DateTimeOffset RemindersBefore);

/// <summary>The kinds a retention run reports, as its summary names them.</summary>
public static class RetentionKinds
{
    public const string ClosedItems = "closed items";
    public const string Replies = "replies and nudges";
    public const string Audit = "audit entries";
    public const string Cases = "closed case chains";
    public const string Conversations = "stale conversations";
    public const string QualityAssurance = "QA records";
    public const string RemindersPlanned = "reminders planned";
    public const string RemindersSent = "reminders sent";
    public const string Leavers = "leavers pseudonymised";
}
