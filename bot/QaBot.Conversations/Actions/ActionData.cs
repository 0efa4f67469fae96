using System.Globalization;
using System.Text.Json.Nodes;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Actions;

/// <summary>The data QaBot puts on its buttons, and the ids of the inputs a press sends with it.</summary>
public static class ActionData
{
    public const string ViewKey = "view";
    public const string PageKey = "page";
    public const string ScopeKey = "scope";
    public const string ItemKey = "item";
    public const string AreaKey = "area";
    public const string VersionKey = "v";
    public const string SlotKey = "n";

    /// <summary>The "Log activity" form's inputs.</summary>
    public const string LogDutyInput = "logDuty";
    public const string LogDateInput = "logOn";
    public const string LogNoteInput = "logNote";

    public const int MaxNoteLength = 500;

    public static string DoneOnInput(int slot) => Input("doneOn", slot);

    public static string DoneNoteInput(int slot) => Input("doneNote", slot);

    public static string NewDateInput(int slot) => Input("newDate", slot);

    public static string MoveReasonInput(int slot) => Input("moveReason", slot);

    public static string NotApplicableReasonInput(int slot) => Input("naReason", slot);

    public static string NotApplicableCodeInput(int slot) => Input("naCode", slot);

    /// <summary>The approval card's reason for declining.</summary>
    public const string DeclineReasonInput = "declineReason";

    public static JsonObject ForView(ViewState view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var data = new JsonObject { [ViewKey] = Name(view.View) };
        if (view.Page != 0)
        {
            data[PageKey] = view.Page;
        }

        if (view.Area is { } area)
        {
            data[ScopeKey] = area.Value;
        }

        return data;
    }

    public static JsonObject ForItem(ViewState view, TrackedItem item, int slot)
    {
        ArgumentNullException.ThrowIfNull(item);
        var data = ForView(view);
        data[ItemKey] = item.Id.Value;
        data[AreaKey] = item.Area.Value;
        data[VersionKey] = item.Version;
        data[SlotKey] = slot;
        return data;
    }

    public static string Name(CardView view) => view switch
    {
        CardView.Digest => "digest",
        CardView.Week => "week",
        CardView.Overdue => "overdue",
        CardView.LogActivity => "log",
        CardView.Leave => "leave",
        CardView.Programme => "programme",
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };

    public static CardView? ParseView(string? name) => name switch
    {
        "digest" => CardView.Digest,
        "week" => CardView.Week,
        "overdue" => CardView.Overdue,
        "log" => CardView.LogActivity,
        "leave" => CardView.Leave,
        "programme" => CardView.Programme,
        _ => null,
    };

    private static string Input(string prefix, int slot) => prefix + slot.ToString(CultureInfo.InvariantCulture);
}
