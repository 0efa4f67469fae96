namespace QaBot.Core.Delivery;

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
}
