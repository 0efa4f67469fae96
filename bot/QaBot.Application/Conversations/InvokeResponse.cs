namespace QaBot.Application.Conversations;

/// <summary>The synchronous answer to a card action: a card, a message, or an error.</summary>
public sealed record InvokeResponse
{
    private InvokeResponse(InvokeResponseKind kind, int statusCode)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    public InvokeResponseKind Kind { get; }

    /// <summary>200 for a card or a message; the 4xx status of an error.</summary>
    public int StatusCode { get; }

    /// <summary>The Adaptive Card JSON, for <see cref="InvokeResponseKind.Card"/>.</summary>
    public string? CardJson { get; private init; }

    /// <summary>The message text, for <see cref="InvokeResponseKind.Message"/>; the error message, for <see cref="InvokeResponseKind.Error"/>.</summary>
    public string? Text { get; private init; }

    /// <summary>A short machine-readable code for an error (for example <c>NotYourItem</c>).</summary>
    public string? ErrorCode { get; private init; }

    public static InvokeResponse Card(string cardJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardJson);
        return new InvokeResponse(InvokeResponseKind.Card, 200) { CardJson = cardJson };
    }

    public static InvokeResponse Message(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new InvokeResponse(InvokeResponseKind.Message, 200) { Text = text };
    }

    /// <summary>A refusal shown to the person. <paramref name="statusCode"/> must be a 4xx status.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message)
    {
        if (statusCode is < 400 or > 499)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An invoke error must carry a 4xx status.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new InvokeResponse(InvokeResponseKind.Error, statusCode) { ErrorCode = code, Text = message };
    }
}
