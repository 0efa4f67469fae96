namespace QaBot.BotFramework.Schema;

/// <summary>The <c>value</c> of an <c>application/vnd.microsoft.error</c> invoke response.</summary>
internal sealed class InvokeError
{
    public string? Code { get; set; }

    public string? Message { get; set; }
}
