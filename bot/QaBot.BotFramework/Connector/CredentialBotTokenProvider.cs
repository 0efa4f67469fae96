using Azure.Core;
using Microsoft.Extensions.Logging;

namespace QaBot.BotFramework.Connector;

/// <summary>
/// Gets connector tokens from an Azure.Identity credential (client secret, certificate or managed identity) and
/// caches one, refreshing it early: from the credential's suggested refresh time, or five minutes before it expires.
/// A failed refresh keeps using the current token while it is still valid.
/// </summary>
internal sealed partial class CredentialBotTokenProvider : IBotTokenProvider, IDisposable
{
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;

    public CredentialBotTokenProvider(TokenCredential credential, string scope, TimeProvider time, ILogger<CredentialBotTokenProvider> logger)
    {
        _credential = credential;
        _request = new TokenRequestContext([scope]);
        _time = time;
        _logger = logger;
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var cached = _current;
        if (cached is { } fresh && !NeedsRefresh(fresh))
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _current;
            if (cached is { } other && !NeedsRefresh(other))
            {
                return other.Token;
            }

            try
            {
                var token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
                _current = token;
                LogTokenAcquired(_logger, token.ExpiresOn);
                return token.Token;
            }
            catch (Exception e) when (e is not OperationCanceledException && cached is { } stillValid && stillValid.ExpiresOn > _time.GetUtcNow())
            {
                LogRefreshFailedUsingCurrent(_logger, e, stillValid.ExpiresOn);
                return stillValid.Token;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool NeedsRefresh(AccessToken token)
    {
        var now = _time.GetUtcNow();
        var refreshAt = token.ExpiresOn - RefreshMargin;
        if (token.RefreshOn is { } suggested && suggested < refreshAt)
        {
            refreshAt = suggested;
        }

        return now >= refreshAt;
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Debug, Message = "Got a Bot Connector token valid until {ExpiresOn:u}")]
    private static partial void LogTokenAcquired(ILogger logger, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Could not refresh the Bot Connector token; using the current one, valid until {ExpiresOn}")]
    private static partial void LogRefreshFailedUsingCurrent(ILogger logger, Exception exception, DateTimeOffset expiresOn);
}
