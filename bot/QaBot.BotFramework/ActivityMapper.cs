using System.Text.Json;
using QaBot.Application.Conversations;
using QaBot.BotFramework.Schema;
using QaBot.Core.Organisation;

namespace QaBot.BotFramework;

/// <summary>The one place where Bot Framework activities become Core types and Core types become activities.</summary>
internal static class ActivityMapper
{
    public const string ActionExecute = "Action.Execute";

    /// <summary>The turn for an activity the bot understands, or null for an activity type outside the schema.</summary>
    public static IncomingTurn? ToTurn(Activity activity)
    {
        var type = activity.Type!;
        if (!ActivityTypes.IsKnown(type))
        {
            return null;
        }

        var tenantId = TenantOf(activity);
        var personId = PersonId.TryParse(activity.From?.AadObjectId, out var parsed) ? parsed : (PersonId?)null;
        var sender = new TurnSender(personId, activity.From!.Id!);

        var turn = new IncomingTurn
        {
            Kind = TurnKind.Other,
            ActivityId = activity.Id ?? string.Empty,
            Sender = sender,
            Reference = ReferenceFor(activity, personId, tenantId),
            Channel = TeamChannelFor(activity, tenantId),
            ChannelId = activity.ChannelId!,
            ConversationId = activity.Conversation!.Id!,
            ConversationKind = KindOf(activity.Conversation),
            TenantId = tenantId ?? string.Empty,
            Locale = activity.Locale,
            Timestamp = activity.Timestamp?.ToUniversalTime(),
            OtherType = type,
        };

        switch (type)
        {
            case ActivityTypes.Message:
                return turn with { Kind = TurnKind.Message, OtherType = null, Text = TextWithoutBotMention(activity) };

            case ActivityTypes.InstallationUpdate:
                return activity.Action switch
                {
                    "add" or "add-upgrade" => turn with { Kind = TurnKind.Installed, OtherType = null },
                    "remove" or "remove-upgrade" => turn with { Kind = TurnKind.Uninstalled, OtherType = null },
                    _ => turn,
                };

            case ActivityTypes.ConversationUpdate when activity.MembersAdded is { Count: > 0 } added:
                var botId = activity.Recipient?.Id;
                var ids = added.Select(m => m.Id).OfType<string>().Where(id => id.Length > 0).ToList();
                return turn with
                {
                    Kind = TurnKind.MembersAdded,
                    OtherType = null,
                    MembersAdded = ids,
                    BotWasAdded = botId is not null && ids.Contains(botId, StringComparer.Ordinal),
                };

            case ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardActionInvoke:
                return turn with
                {
                    Kind = TurnKind.CardAction,
                    OtherType = null,
                    CardAction = CardActionOf(activity.Value!.Value),
                    CardActivityId = activity.ReplyToId,
                };

            case ActivityTypes.Invoke:
                return turn with { OtherType = $"invoke/{activity.Name}" };

            default:
                return turn;
        }
    }

    /// <summary>A message from the bot into the conversation of an incoming activity, as a reply to it.</summary>
    public static Activity ToReply(Activity incoming, OutboundMessage message) =>
        ToMessage(
            message,
            from: incoming.Recipient is null ? null : new ChannelAccount { Id = incoming.Recipient.Id, Name = incoming.Recipient.Name },
            recipient: new ChannelAccount { Id = incoming.From!.Id, AadObjectId = incoming.From.AadObjectId },
            conversationId: incoming.Conversation!.Id!,
            replyToId: string.IsNullOrEmpty(incoming.Id) ? null : incoming.Id,
            channelId: incoming.ChannelId,
            serviceUrl: incoming.ServiceUrl);

    /// <summary>A message from the bot to the person of a stored conversation reference.</summary>
    public static Activity ToMessage(ConversationReference conversation, OutboundMessage message, string? replyToId = null) =>
        ToMessage(
            message,
            from: new ChannelAccount { Id = conversation.BotId },
            recipient: new ChannelAccount { Id = conversation.UserId, AadObjectId = conversation.PersonId.Value },
            conversationId: conversation.ConversationId,
            replyToId: replyToId,
            channelId: conversation.ChannelId,
            serviceUrl: conversation.ServiceUrl);

    /// <summary>A message from the bot into a Teams channel: no one person is its recipient.</summary>
    public static Activity ToChannelMessage(TeamChannel channel, OutboundMessage message)
    {
        var activity = ToMessage(
            message,
            from: new ChannelAccount { Id = channel.BotId },
            recipient: null,
            conversationId: channel.ConversationId,
            replyToId: null,
            channelId: channel.ChannelId,
            serviceUrl: channel.ServiceUrl);
        activity.Conversation!.IsGroup = true;
        activity.Conversation.ConversationType = "channel";
        activity.Conversation.TenantId = channel.TenantId;
        return activity;
    }

    public static ConversationParameters ToConversationParameters(PersonalConversationRequest request)
    {
        return new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = request.BotId },
            Members = [new ChannelAccount { Id = request.UserId, AadObjectId = request.PersonId.Value }],
            TenantId = request.TenantId,
            ChannelData = JsonSerializer.SerializeToElement(
                new TenantChannelData { Tenant = new TenantInfo { Id = request.TenantId } },
                BotFrameworkJson.Default.TenantChannelData),
        };
    }

    public static AdaptiveCardInvokeResponse ToInvokeResponseBody(InvokeResponse response) => response.Kind switch
    {
        InvokeResponseKind.Card => new AdaptiveCardInvokeResponse
        {
            StatusCode = response.StatusCode,
            Type = AdaptiveCardInvokeResponse.CardType,
            Value = ParseCard(response.CardJson!),
        },
        InvokeResponseKind.Message => new AdaptiveCardInvokeResponse
        {
            StatusCode = response.StatusCode,
            Type = AdaptiveCardInvokeResponse.MessageType,
            Value = JsonSerializer.SerializeToElement(response.Text!, BotFrameworkJson.Default.String),
        },
        InvokeResponseKind.Error => new AdaptiveCardInvokeResponse
        {
            StatusCode = response.StatusCode,
            Type = AdaptiveCardInvokeResponse.ErrorType,
            Value = JsonSerializer.SerializeToElement(
                new InvokeError { Code = response.ErrorCode, Message = response.Text },
                BotFrameworkJson.Default.InvokeError),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(response), response.Kind, "Unknown invoke response kind."),
    };

    public static string? TenantOf(Activity activity)
    {
        if (activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("tenant", out var tenant)
            && tenant.ValueKind == JsonValueKind.Object
            && tenant.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(id.GetString()))
        {
            return id.GetString();
        }

        return string.IsNullOrWhiteSpace(activity.Conversation?.TenantId) ? null : activity.Conversation.TenantId;
    }

    private static Activity ToMessage(
        OutboundMessage message,
        ChannelAccount? from,
        ChannelAccount? recipient,
        string conversationId,
        string? replyToId,
        string? channelId,
        string? serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(message.Text) && string.IsNullOrWhiteSpace(message.CardJson))
        {
            throw new ArgumentException("An outbound message needs text, a card, or both.", nameof(message));
        }

        return new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = channelId,
            ServiceUrl = serviceUrl,
            From = from,
            Recipient = recipient,
            Conversation = new ConversationAccount { Id = conversationId },
            ReplyToId = replyToId,
            Text = string.IsNullOrWhiteSpace(message.Text) ? null : message.Text,
            Attachments = string.IsNullOrWhiteSpace(message.CardJson)
                ? null
                : [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = ParseCard(message.CardJson) }],
        };
    }

    private static JsonElement ParseCard(string cardJson)
    {
        using var document = JsonDocument.Parse(cardJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("An Adaptive Card must be a JSON object.", nameof(cardJson));
        }

        return document.RootElement.Clone();
    }

    private static ConversationReference? ReferenceFor(Activity activity, PersonId? personId, string? tenantId)
    {
        // Only a personal chat is a place to send a person their own reminders; a group chat or channel never is.
        if (personId is not { } person || tenantId is null || string.IsNullOrWhiteSpace(activity.Recipient?.Id)
            || KindOf(activity.Conversation!) != ConversationKind.Personal)
        {
            return null;
        }

        return new ConversationReference(
            person,
            activity.ChannelId!,
            activity.ServiceUrl!,
            activity.Conversation!.Id!,
            activity.From!.Id!,
            activity.Recipient.Id,
            tenantId);
    }

    private static TeamChannel? TeamChannelFor(Activity activity, string? tenantId)
    {
        if (tenantId is null || string.IsNullOrWhiteSpace(activity.Recipient?.Id) || string.IsNullOrWhiteSpace(activity.ServiceUrl)
            || KindOf(activity.Conversation!) != ConversationKind.Channel || TeamOf(activity) is not { } team)
        {
            return null;
        }

        // A channel message's conversation id names the thread it started (";messageid=..."); the channel is the part before.
        var conversationId = activity.Conversation!.Id!;
        var cut = conversationId.IndexOf(';', StringComparison.Ordinal);
        return new TeamChannel(cut < 0 ? conversationId : conversationId[..cut], team, activity.ChannelId!, activity.ServiceUrl, activity.Recipient.Id, tenantId);
    }

    private static string? TeamOf(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("team", out var team) && team.ValueKind == JsonValueKind.Object
        && team.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(id.GetString())
            ? id.GetString()
            : null;

    private static ConversationKind KindOf(ConversationAccount conversation) => conversation.ConversationType switch
    {
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.GroupChat,
        "personal" => ConversationKind.Personal,
        _ => conversation.IsGroup == true ? ConversationKind.GroupChat : ConversationKind.Personal,
    };

    private static CardAction CardActionOf(JsonElement value)
    {
        var action = value.GetProperty("action");
        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        var data = action.TryGetProperty("data", out var d) && d.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? d.GetRawText()
            : "{}";
        var automatic = value.TryGetProperty("trigger", out var t)
            && t.ValueKind == JsonValueKind.String
            && string.Equals(t.GetString(), "automatic", StringComparison.OrdinalIgnoreCase);
        return new CardAction(verb, data, automatic);
    }

    private static string? TextWithoutBotMention(Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var botId = activity.Recipient?.Id;
        if (botId is not null && activity.Entities is { Count: > 0 } entities)
        {
            foreach (var entity in entities)
            {
                if (entity.ValueKind == JsonValueKind.Object
                    && entity.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "mention"
                    && entity.TryGetProperty("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object
                    && mentioned.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == botId
                    && entity.TryGetProperty("text", out var mentionText) && mentionText.ValueKind == JsonValueKind.String
                    && !string.IsNullOrEmpty(mentionText.GetString()))
                {
                    text = text.Replace(mentionText.GetString()!, string.Empty, StringComparison.Ordinal);
                }
            }
        }

        return text.Trim();
    }
}
