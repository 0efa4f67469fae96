using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using QaBot.BotFramework.Hosting;

namespace QaBot.BotFramework.Authentication;

/// <summary>
/// The channel's token signing keys, from its OpenID metadata document and the key set it points to. Fetched on
/// first use, again once <see cref="BotOptions.SigningKeyRefreshInterval"/> has passed, and again when a token names
/// a key id the set does not hold (no more often than <see cref="BotOptions.SigningKeyMinimumRefetchInterval"/>, so
/// that made-up key ids cannot hammer the metadata endpoint). A failed refresh keeps the keys already held.
/// Both documents are fetched over https only, or plain http from a loopback host.
/// </summary>
internal sealed partial class SigningKeyCache : IDisposable
{
    private readonly IHttpClientFactory _httpClients;
    private readonly BotOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeySet? _current;
    private DateTimeOffset? _lastAttempt;

    public SigningKeyCache(IHttpClientFactory httpClients, IOptions<BotOptions> options, TimeProvider time, ILogger<SigningKeyCache> logger)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The key with this id, or null when the channel does not publish one (even after a refetch).</summary>
    /// <exception cref="SigningKeysUnavailableException">No keys could be fetched and none are cached.</exception>
    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var set = _current;
        if (set is null || IsDue(set))
        {
            set = await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
        }

        if (set.Keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        LogUnknownKey(_logger, keyId);
        set = await RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
        return set.Keys.GetValueOrDefault(keyId);
    }

    public void Dispose() => _gate.Dispose();

    private bool IsDue(KeySet set) => _time.GetUtcNow() - set.FetchedAt >= _options.SigningKeyRefreshInterval;

    private async Task<KeySet> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            var now = _time.GetUtcNow();

            // Another caller may have refreshed while this one waited.
            if (current is not null && !force && !IsDue(current))
            {
                return current;
            }

            if (current is not null && force && _lastAttempt is { } last && now - last < _options.SigningKeyMinimumRefetchInterval)
            {
                return current;
            }

            _lastAttempt = now;
            try
            {
                var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
                _current = fetched;
                LogKeysFetched(_logger, fetched.Keys.Count);
                return fetched;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or ArgumentException or InvalidOperationException
                or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (current is not null)
                {
                    LogRefreshFailedKeepingKeys(_logger, e);
                    return current;
                }

                LogFetchFailed(_logger, e);
                throw new SigningKeysUnavailableException("The Bot Framework signing keys could not be fetched.", e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<KeySet> FetchAsync(CancellationToken cancellationToken)
    {
        if (!LoopbackAddress.TryParseSecureOrLoopback(_options.OpenIdMetadataUrl, out var metadataUrl))
        {
            throw new InvalidOperationException("Bot:OpenIdMetadataUrl must use https (plain http only for a loopback host).");
        }

        var client = _httpClients.CreateClient(BotFrameworkHttpClients.OpenIdMetadata);
        var metadataJson = await client.GetStringAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
        var metadata = OpenIdConnectConfiguration.Create(metadataJson);

        if (!LoopbackAddress.TryParseSecureOrLoopback(metadata.JwksUri, out var keysUrl))
        {
            throw new InvalidOperationException("The OpenID metadata's jwks_uri is missing or not https (plain http only for a loopback host).");
        }

        var keysJson = await client.GetStringAsync(keysUrl, cancellationToken).ConfigureAwait(false);
        var keySet = JsonWebKeySet.Create(keysJson);
        var endorsements = ReadEndorsements(keysJson);

        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in keySet.Keys)
        {
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }

            keys[key.Kid] = new SigningKey(key, endorsements.GetValueOrDefault(key.Kid) ?? new HashSet<string>());
        }

        return new KeySet(keys, _time.GetUtcNow());
    }

    /// <summary>The Bot Framework's own extension to the key set: each key lists the channels that endorse it.</summary>
    private static Dictionary<string, IReadOnlySet<string>> ReadEndorsements(string keysJson)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(keysJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !key.TryGetProperty("endorsements", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            result[kid.GetString()!] = list.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToHashSet(StringComparer.Ordinal);
        }

        return result;
    }

    private sealed record KeySet(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Fetched {Count} Bot Framework signing keys")]
    private static partial void LogKeysFetched(ILogger logger, int count);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Could not refresh the Bot Framework signing keys; keeping the keys already held")]
    private static partial void LogRefreshFailedKeepingKeys(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Could not fetch the Bot Framework signing keys; requests cannot be authenticated")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "A token names signing key {KeyId}, which the cached set does not hold")]
    private static partial void LogUnknownKey(ILogger logger, string keyId);
}
