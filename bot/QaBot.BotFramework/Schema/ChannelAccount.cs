namespace QaBot.BotFramework.Schema;

/// <summary>Bot Framework <c>ChannelAccount</c>: a user or bot on the channel.</summary>
internal sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }
}
