namespace QaBot.Application.Tracking;

public enum ItemUpdateStatus
{
    Updated,

    /// <summary>The change was already applied, or would change nothing.</summary>
    Unchanged,

    NotFound,

    /// <summary>Others kept changing the item; the change was retried against fresh state and still could not be saved.</summary>
    Conflict,
}
