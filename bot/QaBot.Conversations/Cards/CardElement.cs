using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>An element of a card's body or of a container. The JSON <c>type</c> comes from the concrete record.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(Table), "Table")]
[JsonDerivedType(typeof(BarChart), "Chart.VerticalBar")]
public abstract record CardElement
{
    public Spacing? Spacing { get; init; }

    /// <summary>Draws a line above the element.</summary>
    public bool? Separator { get; init; }

    public bool? IsVisible { get; init; }
}
