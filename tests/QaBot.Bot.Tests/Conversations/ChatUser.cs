using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Core.Organisation;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Http;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// One person chatting with the bot in their personal chat, through the real endpoint: activities shaped as Teams
/// sends them, with their own Entra object id, channel account and conversation.
/// </summary>
public sealed class ChatUser(BotHost host, PersonId person, string name)
{
    public PersonId Person { get; } = person;

    public string Name { get; } = name;

    public string ChannelUserId => "29:" + Person.Value.Replace("-", string.Empty, StringComparison.Ordinal);

    public string ConversationId => "a:personal-" + Person.Value;

    /// <summary>Everything the bot posted to this person's conversation so far.</summary>
    public IReadOnlyList<RecordedRequest> Received =>
        host.Connector.Requests.Where(r => r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(ConversationId), StringComparison.Ordinal)
            || r.Uri.AbsolutePath.Contains(ConversationId, StringComparison.Ordinal)).ToList();

    public JsonObject Activity(JsonObject activity)
    {
        activity["id"] = "act-" + Guid.NewGuid().ToString("N");
        activity["from"] = new JsonObject { ["id"] = ChannelUserId, ["name"] = Name, ["aadObjectId"] = Person.Value };
        activity["conversation"]!["id"] = ConversationId;
        return activity;
    }

    /// <summary>Sends a message and returns the bot's replies to it (their activities as JSON).</summary>
    public async Task<IReadOnlyList<JsonObject>> SayAsync(string text)
    {
        var before = host.Connector.Requests.Count;
        using var response = await host.PostAsync(Activity(TeamsActivityJson.Message(text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Replies(before);
    }

    /// <summary>
    /// Sends a message in a team channel (or, without a team, a group chat) and returns the bot's replies there. A
    /// channel message's conversation id names its thread, as Teams sends it.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> SayInAsync(string conversation, string text, string? team = null)
    {
        var before = host.Connector.Requests.Count;
        using var response = await host.PostAsync(Shared(Activity(TeamsActivityJson.Message(text)), conversation, team));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Replies(before, conversation);
    }

    /// <summary>Adds the app to a team from one of its channels and returns the bot's replies there.</summary>
    public async Task<IReadOnlyList<JsonObject>> InstallInTeamAsync(string channel, string team)
    {
        var before = host.Connector.Requests.Count;
        using var response = await host.PostAsync(Shared(Activity(TeamsActivityJson.Installed()), channel, team));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Replies(before, channel);
    }

    /// <summary>Adds the bot to a team as the "members added" update Teams sends alongside the install.</summary>
    public async Task<IReadOnlyList<JsonObject>> BotAddedToTeamAsync(string team)
    {
        var before = host.Connector.Requests.Count;
        var activity = TeamsActivityJson.OfType("conversationUpdate");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsActivityJson.BotId });
        using var response = await host.PostAsync(Shared(Activity(activity), team, team));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Replies(before, team);
    }

    public async Task<IReadOnlyList<JsonObject>> InstallAsync()
    {
        var before = host.Connector.Requests.Count;
        using var response = await host.PostAsync(Activity(TeamsActivityJson.Installed()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Replies(before);
    }

    public async Task<IReadOnlyList<JsonObject>> BotAddedAsync()
    {
        var before = host.Connector.Requests.Count;
        var activity = TeamsActivityJson.OfType("conversationUpdate");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsActivityJson.BotId });
        using var response = await host.PostAsync(Activity(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Replies(before);
    }

    /// <summary>Presses an Action.Execute button with the data the card gave it plus the inputs typed into the card.</summary>
    public async Task<InvokeResult> PressAsync(JsonObject button, params (string Input, string Value)[] inputs)
    {
        var data = (JsonObject)button["data"]!.DeepClone();
        foreach (var (input, value) in inputs)
        {
            data[input] = value;
        }

        return await PressAsync(button["verb"]!.GetValue<string>(), data);
    }

    public async Task<InvokeResult> PressAsync(string verb, JsonObject data)
    {
        var before = host.Connector.Requests.Count;
        using var response = await host.PostAsync(Activity(TeamsActivityJson.CardAction(verb, data)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return new InvokeResult(body, host.Connector.Requests.Skip(before).ToList());
    }

    private static JsonObject Shared(JsonObject activity, string conversation, string? team)
    {
        activity["conversation"] = new JsonObject
        {
            ["id"] = team is null ? conversation : conversation + ";messageid=1700000000002",
            ["conversationType"] = team is null ? "groupChat" : "channel",
            ["isGroup"] = true,
            ["tenantId"] = activity["conversation"]!["tenantId"]!.DeepClone(),
        };
        if (team is not null)
        {
            activity["channelData"]!["team"] = new JsonObject { ["id"] = team, ["name"] = "Leadership" };
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = conversation };
        }

        return activity;
    }

    private List<JsonObject> Replies(int before, string? conversation = null) =>
        host.Connector.Requests.Skip(before)
            .Where(r => r.Uri.AbsolutePath.Contains(conversation ?? ConversationId, StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(conversation ?? ConversationId), StringComparison.Ordinal))
            .Select(r => JsonNode.Parse(r.Body)!.AsObject())
            .ToList();
}

/// <summary>The invoke response the bot answered a button press with, and anything it sent elsewhere meanwhile.</summary>
public sealed record InvokeResult(JsonObject Body, IReadOnlyList<RecordedRequest> Sent)
{
    public int StatusCode => Body["statusCode"]!.GetValue<int>();

    public string Type => Body["type"]!.GetValue<string>();

    /// <summary>The card that replaces the pressed one.</summary>
    public JsonObject Card => Type == "application/vnd.microsoft.card.adaptive"
        ? Body["value"]!.AsObject()
        : throw new InvalidOperationException($"The invoke answered {Type} ({StatusCode}): {Body.ToJsonString()}");

    public string? ErrorCode => Type == "application/vnd.microsoft.error" ? Body["value"]!["code"]?.GetValue<string>() : null;
}

/// <summary>Finding things in cards the bot sent.</summary>
public static class CardJson
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Adaptive Card attached to a reply activity.</summary>
    public static JsonObject CardOf(JsonObject activity) =>
        activity["attachments"]![0]!["content"]!.AsObject();

    public static string Text(JsonNode card) => card.ToJsonString(Readable);

    /// <summary>Every Action.Execute button on the card, inner cards included.</summary>
    public static List<JsonObject> Buttons(JsonNode card, string? verb = null)
    {
        var found = new List<JsonObject>();
        Walk(card, found);
        return verb is null ? found : found.Where(b => b["verb"]?.GetValue<string>() == verb).ToList();
    }

    private static void Walk(JsonNode? node, List<JsonObject> found)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "Action.Execute")
                {
                    found.Add(o);
                }

                foreach (var (_, child) in o)
                {
                    Walk(child, found);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(child, found);
                }

                break;
        }
    }
}
