namespace QaBot.Application.Conversations;

public enum InvokeResponseKind
{
    /// <summary>An Adaptive Card that replaces the card the person pressed.</summary>
    Card = 0,

    /// <summary>A short message shown to the person; the card stays as it was.</summary>
    Message,

    /// <summary>A refusal (code and message) with a 4xx status; the card stays as it was.</summary>
    Error,
}
