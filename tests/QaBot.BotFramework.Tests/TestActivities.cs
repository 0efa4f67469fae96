using System.Text;
using System.Text.Json;
using QaBot.BotFramework.Schema;
using QaBot.Testing.BotFramework;

namespace QaBot.BotFramework.Tests;

/// <summary>Activities as Teams sends them, read through the protocol layer's own reader.</summary>
internal static class TestActivities
{
    public const string UserObjectId = TeamsActivityJson.UserObjectId;
    public const string UserId = TeamsActivityJson.UserId;
    public const string BotId = TeamsActivityJson.BotId;
    public const string ConversationId = TeamsActivityJson.ConversationId;

    public static string MessageJson(
        string text = "what's due",
        string? tenantId = TestChannelAuthority.TenantId,
        string serviceUrl = TestChannelAuthority.ServiceUrl,
        string channelId = "msteams") =>
        TeamsActivityJson.Message(text, tenantId, serviceUrl, channelId).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static Activity Message(string text = "what's due", string? tenantId = TestChannelAuthority.TenantId, string serviceUrl = TestChannelAuthority.ServiceUrl, string channelId = "msteams") =>
        Read(MessageJson(text, tenantId, serviceUrl, channelId));

    public static Activity Read(string json)
    {
        var result = ActivityReader.Read(Encoding.UTF8.GetBytes(json));
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
