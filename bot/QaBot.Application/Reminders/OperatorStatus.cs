using QaBot.Application.Delivery;
using QaBot.Application.Installation;

namespace QaBot.Application.Reminders;

/// <summary>What operators see of the reminder run (the Functions app's status endpoint, <c>qabot reminders status</c>).</summary>
/// <param name="Health">"ok", "warning" or "failing": the worst of <see cref="Problems"/>.</param>
/// <param name="Problems">Plain-English statements of what is wrong and what to do, worst first.</param>
public sealed record OperatorStatus(
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
    IReadOnlyList<GivenUpDigest> PoisonMessages,
    DateTimeOffset? ThrottledUntil,
    IReadOnlyList<DigestProblem> Failures,
    IReadOnlyList<DigestProblem> NotReachable,
    IReadOnlyList<DigestProblem> PossibleDuplicates,
    IReadOnlyList<StaleConversation> StaleConversations)
{
    /// <summary>Team channels that answered 403 or 404 to a post: the app needs adding to the team again.</summary>
    public IReadOnlyList<StaleChannel> StaleChannels { get; init; } = [];

    /// <summary>Staff with duties QaBot cannot reach, counted by home area and reason (no names: <c>qabot people unreached</c> lists them).</summary>
    public IReadOnlyList<UnreachedArea> Unreached { get; init; } = [];
}

/// <summary>A team channel QaBot can no longer post to (the app was removed from the team). Ids only.</summary>
public sealed record StaleChannel(string Channel, string Team, DateTimeOffset StaleSince, string Reason);

/// <summary>One run with its digests counted by ledger state.</summary>
public sealed record RunStatus(
    string RunId,
    string State,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Digests,
    int ItemsCreated,
    IReadOnlyDictionary<string, int> ByState,
    int PossibleDuplicates,
    bool CatchUpTruncated,
    string? Problem);

/// <summary>A digest that needs an operator's eye (failed, not reachable, or possibly sent twice). Ids only, no names.</summary>
public sealed record DigestProblem(string RunId, string Person, string State, int? LastStatusCode, int Attempts, DateTimeOffset UpdatedAt, string Meaning)
{
    /// <summary>The person's opaque reference, as the status endpoint shows it (<see cref="PersonReference"/>).</summary>
    public string? Reference => PersonReference.For(Person);
}

/// <summary>A person whose chat with the bot answered 403 or 404: the app needs installing again for them.</summary>
public sealed record StaleConversation(string Person, DateTimeOffset StaleSince, string Reason)
{
    /// <summary>The person's opaque reference, as the status endpoint shows it (<see cref="PersonReference"/>).</summary>
    public string? Reference => PersonReference.For(Person);
}

internal static class SendStateWords
{
    public static string Meaning(SendRecord record) => record.State switch
    {
        SendState.Failed => record.LastStatusCode is { } code ? $"Teams answered {code} on every try; the digest was given up." : "Teams could not be reached on any try; the digest was given up.",
        SendState.NotReachable => record.LastStatusCode is 403 or 404
            ? "Not reachable: the app is not installed for this person (Teams refused to open the chat)."
            : "Not reachable: no chat with the bot yet and the bot's identity (Bot:AppId, Bot:TenantId) is not set, so none can be opened.",
        SendState.Stale => "The person's chat with the bot is stale (they blocked or removed the app): install it for them again.",
        SendState.Sent when record.PossibleDuplicate => "Sent, but an earlier try may also have arrived: the person may have this digest twice.",
        _ => record.State.ToString(),
    };
}
