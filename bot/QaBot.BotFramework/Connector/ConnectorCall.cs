namespace QaBot.BotFramework.Connector;

/// <summary>One call to the Bot Connector: what it is (for logs), where it goes, and whether repeating it is safe.</summary>
/// <param name="Idempotent">True when a second identical request cannot have a second effect (an update, opening a 1:1 chat).</param>
internal sealed record ConnectorCall(string Operation, HttpMethod Method, string ServiceUrl, string Path, byte[] Body, bool Idempotent, string ConversationId)
{
    public static ConnectorCall Unknown { get; } = new("-", HttpMethod.Post, string.Empty, string.Empty, [], Idempotent: false, "-");
}
