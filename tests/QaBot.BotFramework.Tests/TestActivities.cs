using System.Text.Json;
using QaBot.BotFramework.Schema;
using QaBot.Testing.BotFramework;

namespace QaBot.BotFramework.Tests;

/// <summary>Activities as Teams sends them, for the protocol tests.</summary>
internal static class TestActivities
{
    public const string UserObjectId = "0b7c5a2e-94d4-4b64-9e0b-3f1c2d4e5a6b";
    public const string UserId = "29:1AbCdEfGhIjKlMnOp";
    public const string BotId = "28:" + TestChannelAuthority.AppId;
    public const string ConversationId = "a:1XyZpersonalChat";

    public static string MessageJson(
        string text = "what's due",
        string? tenantId = TestChannelAuthority.TenantId,
        string serviceUrl = TestChannelAuthority.ServiceUrl,
        string channelId = "msteams") =>
        $$"""
        {
          "type": "message",
          "id": "1700000000001",
          "timestamp": "2026-11-27T09:00:00.000Z",
          "serviceUrl": "{{serviceUrl}}",
          "channelId": "{{channelId}}",
          "from": { "id": "{{UserId}}", "name": "Alex Example", "aadObjectId": "{{UserObjectId}}" },
          "conversation": { "id": "{{ConversationId}}", "conversationType": "personal", "tenantId": "{{tenantId}}" },
          "recipient": { "id": "{{BotId}}", "name": "QaBot" },
          "text": "{{text}}",
          "locale": "en-GB",
          "channelData": { "tenant": { "id": "{{tenantId}}" } }
        }
        """;

    public static Activity Message(string text = "what's due", string? tenantId = TestChannelAuthority.TenantId, string serviceUrl = TestChannelAuthority.ServiceUrl, string channelId = "msteams") =>
        Read(MessageJson(text, tenantId, serviceUrl, channelId));

    public static Activity Read(string json)
    {
        var result = ActivityReader.Read(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.True(result.Activity is not null, result.Error);
        return result.Activity;
    }

    public static Activity WithTenantRemoved(Activity activity)
    {
        activity.ChannelData = JsonSerializer.SerializeToElement(new { });
        activity.Conversation!.TenantId = null;
        return activity;
    }
}
