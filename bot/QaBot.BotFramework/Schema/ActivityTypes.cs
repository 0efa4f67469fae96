namespace QaBot.BotFramework.Schema;

/// <summary>The activity types of the Bot Framework v3 schema. Anything else is acknowledged and ignored.</summary>
internal static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";

    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Message, ConversationUpdate, InstallationUpdate, Invoke,
        "contactRelationUpdate", "typing", "endOfConversation", "event", "deleteUserData", "messageUpdate",
        "messageDelete", "messageReaction", "suggestion", "trace", "handoff", "command", "commandResult",
    };

    public static bool IsKnown(string type) => Known.Contains(type);
}
