using System.Text;

namespace QaBot.BotFramework.Tests.Schema;

[Trait("Category", "Fast")]
public sealed class ActivityReaderTests
{
    [Fact]
    public void Read_TeamsMessage_ReadsTheFields()
    {
        var activity = TestActivities.Message("hello");

        Assert.Equal("message", activity.Type);
        Assert.Equal("hello", activity.Text);
        Assert.Equal(TestActivities.ConversationId, activity.Conversation!.Id);
        Assert.Equal(TestActivities.UserObjectId, activity.From!.AadObjectId);
    }

    [Fact]
    public void Read_MalformedJson_SaysWhere()
    {
        var result = ActivityReader.Read(Encoding.UTF8.GetBytes("{\n  \"type\": \"message\",\n  \"id\": }"));

        Assert.Null(result.Activity);
        Assert.Contains("malformed", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongTypeForField_NamesTheField()
    {
        var result = ActivityReader.Read(Encoding.UTF8.GetBytes(TestActivities.MessageJson().Replace("\"locale\": \"en-GB\"", "\"locale\": 42", StringComparison.Ordinal)));

        Assert.Null(result.Activity);
        Assert.Contains("$.locale", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"message\"")]
    public void Read_NotAnObject_Refused(string body)
    {
        var result = ActivityReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.Null(result.Activity);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Theory]
    [InlineData("\"type\": \"message\",", "type")]
    [InlineData("\"channelId\": \"msteams\",", "channelId")]
    [InlineData("\"serviceUrl\": \"https://smba.trafficmanager.net/uk/\",", "serviceUrl")]
    [InlineData("\"id\": \"a:1XyZpersonalChat\",", "conversation.id")]
    [InlineData("\"id\": \"29:1AbCdEfGhIjKlMnOp\",", "from.id")]
    public void Read_MissingRequiredField_NamesIt(string removed, string field)
    {
        var json = TestActivities.MessageJson().Replace(removed, string.Empty, StringComparison.Ordinal);

        var result = ActivityReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(result.Activity);
        Assert.Equal($"The activity is missing the required field '{field}'.", result.Error);
    }

    [Theory]
    [InlineData("ftp://example.org/")]
    [InlineData("/relative/path")]
    public void Read_ServiceUrlNotHttp_Refused(string serviceUrl)
    {
        var result = ActivityReader.Read(Encoding.UTF8.GetBytes(TestActivities.MessageJson(serviceUrl: serviceUrl)));

        Assert.Null(result.Activity);
        Assert.Contains("serviceUrl", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CardActionWithoutAction_Refused()
    {
        var json = TestActivities.MessageJson().Replace("\"type\": \"message\"", "\"type\": \"invoke\", \"name\": \"adaptiveCard/action\", \"value\": { \"trigger\": \"manual\" }", StringComparison.Ordinal);

        var result = ActivityReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(result.Activity);
        Assert.Contains("value.action", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownTypeWithRequiredFields_Accepted()
    {
        var json = TestActivities.MessageJson().Replace("\"type\": \"message\"", "\"type\": \"somethingNew\"", StringComparison.Ordinal);

        Assert.NotNull(ActivityReader.Read(Encoding.UTF8.GetBytes(json)).Activity);
    }
}
