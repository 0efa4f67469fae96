using QaBot.Core.Compliance;

namespace QaBot.Application.Reports;

/// <summary>Where one channel's monthly report stands.</summary>
public enum ReportDeliveryState
{
    /// <summary>Claimed and being posted. Left so by a crash mid-post: it may have arrived, so it is not posted again.</summary>
    Sending,

    /// <summary>Posted.</summary>
    Sent,

    /// <summary>Teams refused or could not be reached; the next run that day tries again.</summary>
    Failed,

    /// <summary>The app is not in the channel's team (never installed, or removed: 403 or 404); the next run tries again.</summary>
    NotReachable,
}

/// <summary>The ledger's entry for one channel's report of one month: what a rerun or a crash reads before posting again.</summary>
/// <param name="Channel">The channel's <see cref="ReportChannelOptions.Name"/>.</param>
/// <param name="Month">The month reported on (the month just ended when it was posted).</param>
public sealed record ReportDelivery(
    string Channel,
    ReportMonth Month,
    ReportDeliveryState State,
    int Attempts,
    int? LastStatusCode,
    string? ActivityId,
    string? Problem,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True when no later run may post it: sent, or perhaps sent by a run that stopped mid-post.</summary>
    public bool IsSettled => State is ReportDeliveryState.Sent or ReportDeliveryState.Sending;
}
