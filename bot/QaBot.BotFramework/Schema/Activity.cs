using System.Text.Json;

namespace QaBot.BotFramework.Schema;

/// <summary>
/// Bot Framework v3 <c>Activity</c>: the fields QaBot reads or writes. Unknown fields are ignored on the way in.
/// Never leaves this assembly: <see cref="ActivityMapper"/> translates to and from the Core types.
/// </summary>
internal sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public string? TextFormat { get; set; }

    public string? Text { get; set; }

    public string? Summary { get; set; }

    public string? Locale { get; set; }

    public string? ReplyToId { get; set; }

    /// <summary>For invokes and events: the operation's name (<c>adaptiveCard/action</c>).</summary>
    public string? Name { get; set; }

    /// <summary>For installationUpdate: <c>add</c>, <c>remove</c>, <c>add-upgrade</c>, <c>remove-upgrade</c>.</summary>
    public string? Action { get; set; }

    public JsonElement? Value { get; set; }

    public JsonElement? ChannelData { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }

    public List<ChannelAccount>? MembersRemoved { get; set; }

    public List<Attachment>? Attachments { get; set; }

    public List<JsonElement>? Entities { get; set; }
}
