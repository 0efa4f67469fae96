namespace QaBot.Application.Reminders;

/// <summary>
/// Where the reminder run has got to: everything up to <see cref="CoveredUpTo"/> has been queued, and the next run
/// covers what follows it. This is what makes a run after downtime catch up once.
/// </summary>
/// <param name="CoveredUpTo">The end of the last run that queued everything; null before the first.</param>
/// <param name="LastSuccessfulRunId">That run.</param>
/// <param name="LastSuccessfulAt">When it finished.</param>
/// <param name="MaterialisedOn">The local date obligations were last created for (once a day is enough).</param>
/// <param name="CurrentRunId">The run in progress (or that died in progress), if any.</param>
public sealed record SchedulerState(
    DateTimeOffset? CoveredUpTo,
    string? LastSuccessfulRunId,
    DateTimeOffset? LastSuccessfulAt,
    DateOnly? MaterialisedOn,
    string? CurrentRunId)
{
    public static SchedulerState Initial { get; } = new(null, null, null, null, null);
}
