namespace QaBot.BotFramework.Schema;

/// <summary>The connector's answer to a send, reply, update or create: the new resource's id.</summary>
internal sealed class ResourceResponse
{
    public string? Id { get; set; }

    /// <summary>Create conversation only: the first activity's id, when one was sent with it.</summary>
    public string? ActivityId { get; set; }
}
