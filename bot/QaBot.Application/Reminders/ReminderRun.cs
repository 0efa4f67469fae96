namespace QaBot.Application.Reminders;

/// <summary>
/// One pass of the reminder run: the stretch of time it covers, (<see cref="From"/>, <see cref="To"/>], and how it went.
/// Its id is the send ledger's partition, so every digest it queued can be listed.
/// </summary>
/// <param name="LeaseUntil">While planning: when another run may take over, if this one has not finished by then.</param>
/// <param name="Digests">Digests queued (one per person).</param>
/// <param name="ItemsCreated">Obligations created by this run (none when they were already there).</param>
/// <param name="Problem">Why it failed, in words for operators (no personal data).</param>
public sealed record ReminderRun(
    string RunId,
    DateTimeOffset From,
    DateTimeOffset To,
    RunState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset LeaseUntil,
    int Digests,
    int ItemsCreated,
    bool CatchUpTruncated,
    string? Problem);
