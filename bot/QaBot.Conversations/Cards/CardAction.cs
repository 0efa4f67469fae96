using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>A button on a card. The JSON <c>type</c> comes from the concrete record.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
public abstract record CardAction
{
    public string? Id { get; init; }

    public required string Title { get; init; }

    public ActionStyle? Style { get; init; }

    /// <summary>Shown on hover and read by screen readers (1.5).</summary>
    public string? Tooltip { get; init; }

    public bool? IsEnabled { get; init; }

    public ActionMode? Mode { get; init; }
}
