using System.Text.Json.Nodes;

namespace QaBot.Testing.BotFramework;

/// <summary>Activities shaped as Teams sends them to a bot in a personal chat, as JSON request bodies.</summary>
public static class TeamsActivityJson
{
    public const string UserObjectId = "0b7c5a2e-94d4-4b64-9e0b-3f1c2d4e5a6b";
    public const string UserId = "29:1AbCdEfGhIjKlMnOp";
    public const string BotId = "28:" + TestChannelAuthority.AppId;
    public const string ConversationId = "a:1XyZpersonalChat";
    public const string ActivityId = "1700000000001";

    public static JsonObject Message(
        string text = "what's due",
        string? tenantId = TestChannelAuthority.TenantId,
        string serviceUrl = TestChannelAuthority.ServiceUrl,
        string channelId = "msteams")
    {
        var activity = Base("message", tenantId, serviceUrl, channelId);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        return activity;
    }

    public static JsonObject CardAction(string verb, JsonObject? data = null, string cardActivityId = "1700000000000", string serviceUrl = TestChannelAuthority.ServiceUrl)
    {
        var activity = Base("invoke", TestChannelAuthority.TenantId, serviceUrl, "msteams");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public static JsonObject Installed(string serviceUrl = TestChannelAuthority.ServiceUrl)
    {
        var activity = Base("installationUpdate", TestChannelAuthority.TenantId, serviceUrl, "msteams");
        activity["action"] = "add";
        return activity;
    }

    public static JsonObject OfType(string type, string serviceUrl = TestChannelAuthority.ServiceUrl) =>
        Base(type, TestChannelAuthority.TenantId, serviceUrl, "msteams");

    private static JsonObject Base(string type, string? tenantId, string serviceUrl, string channelId) => new()
    {
        ["type"] = type,
        ["id"] = ActivityId,
        ["timestamp"] = "2026-11-27T09:00:00.000Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Alex Example", ["aadObjectId"] = UserObjectId },
        ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = tenantId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "QaBot" },
        ["locale"] = "en-GB",
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };
}
