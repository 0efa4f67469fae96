using System.Text.Json;
using QaBot.BotFramework.Schema;

namespace QaBot.BotFramework;

/// <summary>Reads an activity from a request body and checks the fields every activity must carry.</summary>
internal static class ActivityReader
{
    public static ActivityReadResult Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return ActivityReadResult.Invalid("The request body is empty; an activity (JSON object) was expected.");
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, BotFrameworkJson.Default.Activity);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}"
                : string.Empty;
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $" (field {e.Path})";
            return ActivityReadResult.Invalid($"The request body is not a valid activity: malformed or mistyped JSON{where}{path}.");
        }

        if (activity is null)
        {
            return ActivityReadResult.Invalid("The request body is null; an activity (JSON object) was expected.");
        }

        var missing = FirstMissing(activity);
        if (missing is not null)
        {
            return ActivityReadResult.Invalid($"The activity is missing the required field '{missing}'.");
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return ActivityReadResult.Invalid("The activity's 'serviceUrl' is not an absolute http(s) URL.");
        }

        if (activity.Type == ActivityTypes.Invoke && activity.Name == ActivityTypes.AdaptiveCardActionInvoke)
        {
            var error = CheckCardAction(activity);
            if (error is not null)
            {
                return ActivityReadResult.Invalid(error);
            }
        }

        return ActivityReadResult.Ok(activity);
    }

    private static string? FirstMissing(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "type";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "channelId";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return "serviceUrl";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "conversation.id";
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return "from.id";
        }

        return null;
    }

    private static string? CheckCardAction(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action)
            || action.ValueKind != JsonValueKind.Object)
        {
            return "The adaptiveCard/action invoke is missing the required field 'value.action'.";
        }

        if (!action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return "The adaptiveCard/action invoke is missing the required field 'value.action.type'.";
        }

        if (action.TryGetProperty("verb", out var verb) && verb.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return "The adaptiveCard/action invoke's 'value.action.verb' is not a string.";
        }

        return null;
    }
}
