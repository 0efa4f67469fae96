namespace QaBot.Conversations.Cards;

/// <summary>What every input has besides its id: a visible label and validation.</summary>
public abstract record CardInput : CardElement
{
    /// <summary>The label shown above the input (1.3); screen readers announce it.</summary>
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    /// <summary>Shown when the value is missing or invalid.</summary>
    public string? ErrorMessage { get; init; }
}
