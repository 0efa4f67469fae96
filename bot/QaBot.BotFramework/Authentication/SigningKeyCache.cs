using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using QaBot.BotFramework.Hosting;

namespace QaBot.BotFramework.Authentication;

/// <summary>
/// The channel's token signing keys, from its OpenID metadata document and the key set it points to, read by
/// Microsoft.IdentityModel's <see cref="OpenIdConnectConfigurationRetriever"/> behind a gate of our own, because the
/// requests that ask for keys are unauthenticated and anyone can send them:
/// <list type="bullet">
/// <item>at most one fetch (metadata and key set) starts per <see cref="BotOptions.SigningKeyMinimumRefetchInterval"/>,
/// whatever arrives: a token naming an unknown key id, a cache that is empty or older than
/// <see cref="BotOptions.SigningKeyRefreshInterval"/>;</item>
/// <item>after a failed fetch the gap doubles with each further failure (up to the refresh interval), and resets on success;</item>
/// <item>the last good keys are served for as long as fetches fail;</item>
/// <item>one fetch runs at a time, shared by every request that waits for it, on its own cancellation: a caller that
/// gives up stops waiting, not the fetch;</item>
/// <item>nothing is fetched before the first request, so the bot starts while the metadata endpoint is down.</item>
/// </list>
/// Both documents are fetched over https only, or plain http from a loopback host. What the library does not know,
/// the channels that endorse each key, is read here.
/// </summary>
internal sealed partial class SigningKeyCache
{
    // The fetch's own limit, independent of any caller (the metadata HttpClient's timeout applies per document too).
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    private readonly string _metadataUrl;
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minimumRefetch;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly RefusalLogLimiter _unknownKeyLogs;
    private KeyView? _view;
    private Task? _fetch;
    private DateTimeOffset? _lastAttempt;
    private int _failures;

    public SigningKeyCache(IHttpClientFactory httpClients, IOptions<BotOptions> options, TimeProvider time, ILogger<SigningKeyCache> logger)
    {
        var settings = options.Value;
        _metadataUrl = settings.OpenIdMetadataUrl;
        _documents = new SecureDocumentRetriever(httpClients);
        _time = time;
        _refreshInterval = settings.SigningKeyRefreshInterval;
        _minimumRefetch = settings.SigningKeyMinimumRefetchInterval;
        _logger = logger;
        _unknownKeyLogs = new RefusalLogLimiter(time);
    }

    /// <summary>The key with this id, or null when the channel does not publish one (even after a fetch, if one was allowed).</summary>
    /// <exception cref="SigningKeysUnavailableException">No keys could be fetched and none are held.</exception>
    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var view = _view;
        if (view is not null && view.Keys.TryGetValue(keyId, out var held) && !IsDue(view))
        {
            return held;
        }

        if (view is not null && !view.Keys.ContainsKey(keyId) && _unknownKeyLogs.ShouldLog("unknown key", out var heldBack))
        {
            // The key id is the caller's choice: never logged.
            LogUnknownKey(_logger, heldBack);
        }

        var fetch = StartFetchIfAllowed();
        if (fetch is not null)
        {
            await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        view = _view ?? throw new SigningKeysUnavailableException("The Bot Framework signing keys could not be fetched, and none are held.");
        return view.Keys.GetValueOrDefault(keyId);
    }

    private bool IsDue(KeyView view) => _time.GetUtcNow() - view.FetchedAt >= _refreshInterval;

    /// <summary>The fetch to wait for: the one running, a new one if the gate is open, or null when it is shut.</summary>
    private Task? StartFetchIfAllowed()
    {
        lock (_gate)
        {
            if (_fetch is { IsCompleted: false } running)
            {
                return running;
            }

            var now = _time.GetUtcNow();
            if (_lastAttempt is { } last && now - last < CurrentGap())
            {
                return null;
            }

            _lastAttempt = now;
            _fetch = FetchAsync();
            return _fetch;
        }
    }

    /// <summary>The minimum gap, doubled for each failure in a row since the last success, at most the refresh interval.</summary>
    private TimeSpan CurrentGap()
    {
        if (_failures == 0)
        {
            return _minimumRefetch;
        }

        var factor = Math.Pow(2, Math.Min(_failures - 1, 16));
        var gap = TimeSpan.FromTicks((long)Math.Min(_minimumRefetch.Ticks * factor, _refreshInterval.Ticks));
        return gap < _minimumRefetch ? _minimumRefetch : gap;
    }

    private async Task FetchAsync()
    {
        // Yield first, so the gate's lock is not held while the fetch runs.
        await Task.Yield();
        using var timeout = new CancellationTokenSource(FetchTimeout, _time);
        try
        {
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataUrl, _documents, timeout.Token).ConfigureAwait(false);
            if (configuration.JsonWebKeySet is null)
            {
                throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
            }

            var keys = ReadKeys(configuration);
            lock (_gate)
            {
                _view = new KeyView(keys, _time.GetUtcNow());
                _failures = 0;
            }

            LogKeysFetched(_logger, keys.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TimeSpan retryIn;
            bool holdingKeys;
            lock (_gate)
            {
                _failures++;
                retryIn = CurrentGap();
                holdingKeys = _view is not null;
            }

            if (holdingKeys)
            {
                LogRefreshFailedKeepingKeys(_logger, e, retryIn);
            }
            else
            {
                LogFetchFailed(_logger, e, retryIn);
            }
        }
    }

    /// <summary>The Bot Framework's own extension to the key set: each key lists the channels that endorse it.</summary>
    private static HashSet<string> EndorsementsOf(JsonWebKey key)
    {
        if (key.AdditionalData.TryGetValue("endorsements", out var value) && value is JsonElement { ValueKind: JsonValueKind.Array } list)
        {
            return list.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToHashSet(StringComparer.Ordinal);
        }

        return new HashSet<string>(StringComparer.Ordinal);
    }

    private static Dictionary<string, SigningKey> ReadKeys(OpenIdConnectConfiguration configuration)
    {
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in configuration.JsonWebKeySet.Keys)
        {
            if (!string.IsNullOrEmpty(key.Kid))
            {
                keys[key.Kid] = new SigningKey(key, EndorsementsOf(key));
            }
        }

        return keys;
    }

    private sealed record KeyView(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);

    /// <summary>Fetches a document over https, or plain http from a loopback host, and nothing else.</summary>
    private sealed class SecureDocumentRetriever(IHttpClientFactory httpClients) : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (!LoopbackAddress.TryParseSecureOrLoopback(address, out var uri))
            {
                throw new InvalidOperationException("An OpenID metadata address must use https (plain http only for a loopback host).");
            }

            var client = httpClients.CreateClient(BotFrameworkHttpClients.OpenIdMetadata);
            return await client.GetStringAsync(uri, cancel).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Fetched {Count} Bot Framework signing keys")]
    private static partial void LogKeysFetched(ILogger logger, int count);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Could not refresh the Bot Framework signing keys; keeping the keys already held and trying again in {RetryIn} at the earliest")]
    private static partial void LogRefreshFailedKeepingKeys(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Could not fetch the Bot Framework signing keys; requests cannot be authenticated until a fetch succeeds (next try in {RetryIn} at the earliest)")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "A token names a signing key that the cached set does not hold ({HeldBack} more in the last minute were not logged)")]
    private static partial void LogUnknownKey(ILogger logger, int heldBack);
}
