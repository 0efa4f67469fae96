using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Application.Conversations;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Conversations.Actions;

/// <summary>
/// A button press, read strictly: a known verb, a view, and for item buttons an item reference whose every part has
/// the right form. Anything else is refused as tampered before any storage is touched.
/// </summary>
public sealed record CardActionRequest(string Verb, ViewState View, ItemReference? Item, JsonObject Data)
{
    /// <summary>The most a press may carry: an "arrange an audit" form of 90 cases and ten lines of enquiry fits.</summary>
    private const int MaxDataLength = 16 * 1024;

    /// <summary>Reads a press; on failure <paramref name="problem"/> says what was wrong (for the log: no values, no personal data).</summary>
    public static bool TryRead(CardAction action, out CardActionRequest? request, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(action);
        request = null;
        if (!CardVerbs.IsKnown(action.Verb))
        {
            problem = "unknown verb";
            return false;
        }

        if (action.DataJson.Length > MaxDataLength)
        {
            problem = "data too large";
            return false;
        }

        JsonObject data;
        try
        {
            if (JsonNode.Parse(action.DataJson) is not JsonObject parsed)
            {
                problem = "data is not an object";
                return false;
            }

            data = parsed;
        }
        catch (JsonException)
        {
            problem = "data is not JSON";
            return false;
        }

        if (ActionData.ParseView(ReadString(data, ActionData.ViewKey)) is not { } view)
        {
            problem = "no view";
            return false;
        }

        var page = 0;
        if (data.ContainsKey(ActionData.PageKey) && (!TryReadInt(data, ActionData.PageKey, out page) || page < 0 || page > ViewState.MaxPage))
        {
            problem = "bad page";
            return false;
        }

        AreaId? scope = null;
        if (data.ContainsKey(ActionData.ScopeKey))
        {
            if (!AreaId.TryParse(ReadString(data, ActionData.ScopeKey), out var area))
            {
                problem = "bad scope";
                return false;
            }

            scope = area;
        }

        ItemReference? item = null;
        var needsItem = CardVerbs.IsItemReply(action.Verb) || action.Verb is CardVerbs.Nudge or CardVerbs.ReviewSubmit || CardVerbs.IsApproval(action.Verb);
        if (needsItem)
        {
            if (!TryReadItem(data, out item))
            {
                problem = "bad item reference";
                return false;
            }
        }
        else if (data.ContainsKey(ActionData.ItemKey))
        {
            problem = "item reference on a button that takes none";
            return false;
        }

        request = new CardActionRequest(action.Verb, new ViewState(view, page, scope), item, data);
        problem = null;
        return true;
    }

    /// <summary>
    /// A text input's value, trimmed; null when it is missing or blank. False when it is not text or is longer than
    /// the card allows (which the client enforces, so only a tampered press gets there).
    /// </summary>
    public bool TryGetText(string input, out string? value) => TryGetText(input, ActionData.MaxNoteLength, out value);

    /// <summary>As <see cref="TryGetText(string, out string?)"/>, for an input that allows up to <paramref name="maxLength"/> characters.</summary>
    public bool TryGetText(string input, int maxLength, out string? value)
    {
        value = null;
        if (!Data.TryGetPropertyValue(input, out var node) || node is null)
        {
            return true;
        }

        if (node is not JsonValue text || !text.TryGetValue<string>(out var raw))
        {
            return false;
        }

        if (raw.Length > maxLength)
        {
            return false;
        }

        value = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        return true;
    }

    /// <summary>A date input's value (<c>yyyy-MM-dd</c>); null when missing or blank; false when it is not a date.</summary>
    public bool TryGetDate(string input, out DateOnly? value)
    {
        value = null;
        if (!TryGetText(input, out var text))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        value = date;
        return true;
    }

    private static bool TryReadItem(JsonObject data, out ItemReference? item)
    {
        item = null;
        var id = ReadString(data, ActionData.ItemKey);
        if (id is null || id.Length > OccurrenceId.MaxLength || !id.Split(OccurrenceId.Separator).All(OccurrenceId.IsSafePart))
        {
            return false;
        }

        if (!AreaId.TryParse(ReadString(data, ActionData.AreaKey), out var area))
        {
            return false;
        }

        if (!TryReadInt(data, ActionData.VersionKey, out var version) || version < 1
            || !TryReadInt(data, ActionData.SlotKey, out var slot) || slot is < 0 or > 999)
        {
            return false;
        }

        item = new ItemReference(new OccurrenceId(id), area, version, slot);
        return true;
    }

    private static string? ReadString(JsonObject data, string key) =>
        data.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool TryReadInt(JsonObject data, string key, out int number)
    {
        number = 0;
        return data.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue(out number);
    }
}
