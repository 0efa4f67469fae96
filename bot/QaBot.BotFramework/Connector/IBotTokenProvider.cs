namespace QaBot.BotFramework.Connector;

/// <summary>The bearer token for calls to the Bot Connector, or null when the bot runs without one (local development).</summary>
public interface IBotTokenProvider
{
    /// <summary>Returns a token valid for a few more minutes at least, from a cache refreshed before it expires.</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}
