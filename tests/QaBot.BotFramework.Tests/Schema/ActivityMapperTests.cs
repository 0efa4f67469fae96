using System.Text.Json;
using QaBot.Application.Conversations;
using QaBot.BotFramework.Schema;
using QaBot.Core.Organisation;
using QaBot.Testing.BotFramework;

namespace QaBot.BotFramework.Tests.Schema;

[Trait("Category", "Fast")]
public sealed class ActivityMapperTests
{
    [Fact]
    public void ToTurn_Message_CarriesSenderReferenceAndText()
    {
        var turn = ActivityMapper.ToTurn(TestActivities.Message("  What's due?  "))!;

        Assert.Equal(TurnKind.Message, turn.Kind);
        Assert.Equal("What's due?", turn.Text);
        Assert.Equal("1700000000001", turn.ActivityId);
        Assert.Equal(new PersonId(TestActivities.UserObjectId), turn.Sender.PersonId);
        Assert.Equal(TestActivities.UserId, turn.Sender.ChannelUserId);
        Assert.Equal(ConversationKind.Personal, turn.ConversationKind);
        Assert.Equal(TestChannelAuthority.TenantId, turn.TenantId);
        Assert.Equal("en-GB", turn.Locale);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), turn.Timestamp);
        Assert.Equal(
            new ConversationReference(
                new PersonId(TestActivities.UserObjectId),
                "msteams",
                TestChannelAuthority.ServiceUrl,
                TestActivities.ConversationId,
                TestActivities.UserId,
                TestActivities.BotId,
                TestChannelAuthority.TenantId),
            turn.Reference);
    }

    [Fact]
    public void ToTurn_MessageMentioningTheBot_MentionRemoved()
    {
        var activity = TestActivities.Message("<at>QaBot</at> what's overdue in my area");
        activity.Entities = [JsonSerializer.SerializeToElement(new { type = "mention", text = "<at>QaBot</at>", mentioned = new { id = TestActivities.BotId, name = "QaBot" } })];

        Assert.Equal("what's overdue in my area", ActivityMapper.ToTurn(activity)!.Text);
    }

    [Fact]
    public void ToTurn_SenderWithoutEntraId_NoReference()
    {
        var activity = TestActivities.Message();
        activity.From!.AadObjectId = null;

        var turn = ActivityMapper.ToTurn(activity)!;

        Assert.Null(turn.Sender.PersonId);
        Assert.Null(turn.Reference);
    }

    [Theory]
    [InlineData("groupChat", ConversationKind.GroupChat)]
    [InlineData("channel", ConversationKind.Channel)]
    public void ToTurn_GroupChatOrChannel_KindSetButNoReferenceToStore(string conversationType, ConversationKind expected)
    {
        var activity = TestActivities.Message();
        activity.Conversation!.ConversationType = conversationType;

        var turn = ActivityMapper.ToTurn(activity)!;

        Assert.Equal(expected, turn.ConversationKind);
        Assert.Null(turn.Reference);
        Assert.Equal(new PersonId(TestActivities.UserObjectId), turn.Sender.PersonId);
    }

    [Fact]
    public void ToTurn_ChannelMessageOfATeam_TheChannelWithoutItsThread()
    {
        var activity = TestActivities.Message();
        activity.Conversation!.ConversationType = "channel";
        activity.Conversation.Id = "19:qa@thread.tacv2;messageid=1700000000009";
        activity.ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = TestChannelAuthority.TenantId }, team = new { id = "19:general@thread.tacv2" } });

        var turn = ActivityMapper.ToTurn(activity)!;

        Assert.Equal(new TeamChannel("19:qa@thread.tacv2", "19:general@thread.tacv2", "msteams", TestChannelAuthority.ServiceUrl, TestActivities.BotId, TestChannelAuthority.TenantId), turn.Channel);
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("personal")]
    public void ToTurn_NotATeamChannel_NoChannel(string conversationType)
    {
        var activity = TestActivities.Message();
        activity.Conversation!.ConversationType = conversationType;
        activity.ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = TestChannelAuthority.TenantId }, team = new { id = "19:general@thread.tacv2" } });

        Assert.Null(ActivityMapper.ToTurn(activity)!.Channel);
    }

    [Theory]
    [InlineData("add", TurnKind.Installed)]
    [InlineData("add-upgrade", TurnKind.Installed)]
    [InlineData("remove", TurnKind.Uninstalled)]
    [InlineData("remove-upgrade", TurnKind.Uninstalled)]
    [InlineData("something-else", TurnKind.Other)]
    public void ToTurn_InstallationUpdate_MapsTheAction(string action, TurnKind expected)
    {
        var activity = TestActivities.Message();
        activity.Type = "installationUpdate";
        activity.Action = action;

        Assert.Equal(expected, ActivityMapper.ToTurn(activity)!.Kind);
    }

    [Fact]
    public void ToTurn_ConversationUpdateAddingTheBot_MembersAddedWithBotFlag()
    {
        var activity = TestActivities.Message();
        activity.Type = "conversationUpdate";
        activity.MembersAdded = [new ChannelAccount { Id = TestActivities.BotId }, new ChannelAccount { Id = TestActivities.UserId }];

        var turn = ActivityMapper.ToTurn(activity)!;

        Assert.Equal(TurnKind.MembersAdded, turn.Kind);
        Assert.True(turn.BotWasAdded);
        Assert.Equal([TestActivities.BotId, TestActivities.UserId], turn.MembersAdded);
    }

    [Fact]
    public void ToTurn_CardActionInvoke_CarriesVerbDataAndCardActivity()
    {
        var activity = TestActivities.Message();
        activity.Type = "invoke";
        activity.Name = "adaptiveCard/action";
        activity.ReplyToId = "1700000000000";
        activity.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb = "done", data = new { occurrenceId = "occ-1", doneOn = "2026-11-27" } },
            trigger = "manual",
        });

        var turn = ActivityMapper.ToTurn(activity)!;

        Assert.Equal(TurnKind.CardAction, turn.Kind);
        Assert.Equal("done", turn.CardAction!.Verb);
        Assert.False(turn.CardAction.IsAutomaticRefresh);
        Assert.Equal("occ-1", JsonDocument.Parse(turn.CardAction.DataJson).RootElement.GetProperty("occurrenceId").GetString());
        Assert.Equal("1700000000000", turn.CardActivityId);
    }

    [Fact]
    public void ToTurn_AutomaticRefreshWithoutData_EmptyObjectData()
    {
        var activity = TestActivities.Message();
        activity.Type = "invoke";
        activity.Name = "adaptiveCard/action";
        activity.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "refresh" }, trigger = "automatic" });

        var action = ActivityMapper.ToTurn(activity)!.CardAction!;

        Assert.True(action.IsAutomaticRefresh);
        Assert.Equal("{}", action.DataJson);
    }

    [Fact]
    public void ToTurn_OtherInvoke_OtherWithName()
    {
        var activity = TestActivities.Message();
        activity.Type = "invoke";
        activity.Name = "task/fetch";

        var turn = ActivityMapper.ToTurn(activity)!;

        Assert.Equal(TurnKind.Other, turn.Kind);
        Assert.Equal("invoke/task/fetch", turn.OtherType);
    }

    [Fact]
    public void ToTurn_UnknownType_Null()
    {
        var activity = TestActivities.Message();
        activity.Type = "somethingNew";

        Assert.Null(ActivityMapper.ToTurn(activity));
    }

    [Fact]
    public void ToReply_Card_AddressedBackWithAttachment()
    {
        var incoming = TestActivities.Message();

        var reply = ActivityMapper.ToReply(incoming, OutboundMessage.FromCard("""{"type":"AdaptiveCard","version":"1.5","body":[]}""", "Your tasks"));
        var json = JsonDocument.Parse(JsonSerializer.Serialize(reply, BotFrameworkJson.Default.Activity)).RootElement;

        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.Equal("1700000000001", json.GetProperty("replyToId").GetString());
        Assert.Equal(TestActivities.BotId, json.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(TestActivities.UserId, json.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(TestActivities.ConversationId, json.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal("Your tasks", json.GetProperty("text").GetString());
        var attachment = json.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("1.5", attachment.GetProperty("content").GetProperty("version").GetString());
        Assert.False(json.TryGetProperty("value", out _));
    }

    [Fact]
    public void ToReply_NeitherTextNorCard_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActivityMapper.ToReply(TestActivities.Message(), new OutboundMessage(null, null)));
    }

    [Fact]
    public void ToInvokeResponseBody_Card_TheUniversalActionsShape()
    {
        var body = Serialize(ActivityMapper.ToInvokeResponseBody(InvokeResponse.Card("""{"type":"AdaptiveCard","version":"1.5"}""")));

        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", body.GetProperty("value").GetProperty("type").GetString());
    }

    [Fact]
    public void ToInvokeResponseBody_Message_ValueIsTheText()
    {
        var body = Serialize(ActivityMapper.ToInvokeResponseBody(InvokeResponse.Message("Recorded.")));

        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Equal("Recorded.", body.GetProperty("value").GetString());
    }

    [Fact]
    public void ToInvokeResponseBody_Error_CodeMessageAndStatus()
    {
        var body = Serialize(ActivityMapper.ToInvokeResponseBody(InvokeResponse.Error(403, "NotYourItem", "This item belongs to someone else.")));

        Assert.Equal(403, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        Assert.Equal("NotYourItem", body.GetProperty("value").GetProperty("code").GetString());
        Assert.Equal("This item belongs to someone else.", body.GetProperty("value").GetProperty("message").GetString());
    }

    [Fact]
    public void InvokeResponseError_StatusOutside4xx_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InvokeResponse.Error(500, "Oops", "Broken"));
    }

    private static JsonElement Serialize(AdaptiveCardInvokeResponse body) =>
        JsonDocument.Parse(JsonSerializer.Serialize(body, BotFrameworkJson.Default.AdaptiveCardInvokeResponse)).RootElement;
}
