namespace QaBot.BotFramework.Connector;

/// <summary>Local development: the Agents Playground takes calls without a token.</summary>
internal sealed class NoBotTokenProvider : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
