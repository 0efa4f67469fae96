namespace QaBot.Application.Delivery;

public enum SendState
{
    /// <summary>Queued; no attempt yet.</summary>
    Pending,

    /// <summary>An attempt is in flight (or its process died before recording the answer).</summary>
    Sending,

    /// <summary>Waiting to retry after a throttle or a transient failure.</summary>
    Retrying,

    /// <summary>Delivered; <see cref="SendRecord.ActivityId"/> holds the message id.</summary>
    Sent,

    /// <summary>Given up after the retries allowed.</summary>
    Failed,

    /// <summary>The conversation answered 403 or 404: marked stale, not retried.</summary>
    Stale,

    /// <summary>The person has no conversation with the bot and none could be opened (the app is not installed for them, or the bot's identity is not configured).</summary>
    NotReachable,

    /// <summary>Nothing left to send when its turn came (every item was done, or the person left).</summary>
    Skipped,
}
