namespace QaBot.Application.Conversations;

/// <summary>How a send ended. Expected outcomes (throttled, stale, failed) are values, never exceptions.</summary>
public sealed record SendOutcome
{
    public required SendStatus Status { get; init; }

    /// <summary>For a sent message, reply or update: the activity id the channel gave it (keep it to update the card later).</summary>
    public string? ActivityId { get; init; }

    /// <summary>For a created conversation: its id.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The last HTTP status, or null when no response came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>For <see cref="SendStatus.Throttled"/>: how long the channel asked the bot to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A short description of why the send did not succeed; never message content.</summary>
    public string? Reason { get; init; }

    /// <summary>Every HTTP attempt made, in order.</summary>
    public IReadOnlyList<SendAttempt> Attempts { get; init; } = [];

    public bool IsSent => Status == SendStatus.Sent;
}
