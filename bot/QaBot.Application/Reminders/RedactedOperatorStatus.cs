using QaBot.Application.Installation;

namespace QaBot.Application.Reminders;

/// <summary>
/// <see cref="OperatorStatus"/> as the HTTP status endpoint returns it: the same runs, counts and problems, with each
/// person named only by an opaque <see cref="PersonReference"/>, never by their directory id.
/// </summary>
public sealed record RedactedOperatorStatus(
    string Health,
    IReadOnlyList<string> Problems,
    DateTimeOffset CheckedAt,
    DateTimeOffset? LastSuccessfulRunAt,
    string? LastSuccessfulRunId,
    DateTimeOffset? CoveredUpTo,
    RunStatus? CurrentRun,
    IReadOnlyList<RunStatus> RecentRuns,
    int QueueDepth,
    int PoisonQueueDepth,
    DateTimeOffset? ThrottledUntil,
    RedactedOperatorStatus.PeopleCounts Counts,
    IReadOnlyList<RedactedOperatorStatus.Digest> Failures,
    IReadOnlyList<RedactedOperatorStatus.Digest> NotReachable,
    IReadOnlyList<RedactedOperatorStatus.Digest> PossibleDuplicates,
    IReadOnlyList<RedactedOperatorStatus.Stale> StaleConversations,
    IReadOnlyList<RedactedOperatorStatus.GivenUp> PoisonMessages)
{
    public static RedactedOperatorStatus From(OperatorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            status.Health,
            status.Problems,
            status.CheckedAt,
            status.LastSuccessfulRunAt,
            status.LastSuccessfulRunId,
            status.CoveredUpTo,
            status.CurrentRun,
            status.RecentRuns,
            status.QueueDepth,
            status.PoisonQueueDepth,
            status.ThrottledUntil,
            new PeopleCounts(status.Failures.Count, status.NotReachable.Count, status.PossibleDuplicates.Count, status.StaleConversations.Count, status.PoisonMessages.Count),
            [.. status.Failures.Select(Digest.From)],
            [.. status.NotReachable.Select(Digest.From)],
            [.. status.PossibleDuplicates.Select(Digest.From)],
            [.. status.StaleConversations.Select(c => new Stale(c.Reference, c.StaleSince, c.Reason))],
            [.. status.PoisonMessages.Select(m => new GivenUp(m.MessageId, m.RunId, m.Reference, m.InsertedOn, m.Problem))])
        {
            Unreached = status.Unreached,
        };
    }

    /// <summary>Staff with duties QaBot cannot reach, counted by home area and reason; area paths only, no people.</summary>
    public IReadOnlyList<UnreachedArea> Unreached { get; init; } = [];

    public sealed record PeopleCounts(int Failures, int NotReachable, int PossibleDuplicates, int StaleConversations, int PoisonMessages);

    public sealed record Digest(string RunId, string? Reference, string State, int? LastStatusCode, int Attempts, DateTimeOffset UpdatedAt, string Meaning)
    {
        internal static Digest From(DigestProblem problem) =>
            new(problem.RunId, problem.Reference, problem.State, problem.LastStatusCode, problem.Attempts, problem.UpdatedAt, problem.Meaning);
    }

    public sealed record Stale(string? Reference, DateTimeOffset StaleSince, string Reason);

    public sealed record GivenUp(string MessageId, string? RunId, string? Reference, DateTimeOffset? InsertedOn, string? Problem);
}
