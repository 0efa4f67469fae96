using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using QaBot.BotFramework.Hosting;

namespace QaBot.BotFramework.Authentication;

/// <summary>
/// The channel's token signing keys, from its OpenID metadata document and the key set it points to, cached and
/// refreshed by Microsoft.IdentityModel's <see cref="ConfigurationManager{T}"/>: fetched on first use, again once
/// <see cref="BotOptions.SigningKeyRefreshInterval"/> has passed (the library adds up to a twentieth at random so that
/// many instances do not refresh together), and again when a token names a key id the set does not hold (no more
/// often than <see cref="BotOptions.SigningKeyMinimumRefetchInterval"/> after the last fetch, so that made-up key ids
/// cannot hammer the metadata endpoint). A failed refresh keeps the keys already held. Both documents are fetched over
/// https only, or plain http from a loopback host. What the library does not know, the channels that endorse each key,
/// is read here.
/// </summary>
internal sealed partial class SigningKeyCache
{
    private const string BlockingRefreshSwitch = "Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking";

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly TimeProvider _time;
    private readonly TimeSpan _minimumRefetch;
    private readonly ILogger _logger;
    private readonly Lock _attemptLock = new();
    private DateTimeOffset? _lastAttempt;
    private KeyView? _view;

    // Refreshes run in the request that needs them, not in the background: a token signed with a key rotated in a
    // minute ago is accepted on that same request, and a refresh has finished when FindAsync returns. The switch is
    // process-wide and read once; nothing else in QaBot's processes uses ConfigurationManager.
    static SigningKeyCache() => AppContext.SetSwitch(BlockingRefreshSwitch, true);

    public SigningKeyCache(IHttpClientFactory httpClients, IOptions<BotOptions> options, TimeProvider time, ILogger<SigningKeyCache> logger)
    {
        var settings = options.Value;
        _time = time;
        _minimumRefetch = settings.SigningKeyMinimumRefetchInterval;
        _logger = logger;
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            settings.OpenIdMetadataUrl,
            new MetadataRetriever(this),
            new SecureDocumentRetriever(httpClients))
        {
            AutomaticRefreshInterval = settings.SigningKeyRefreshInterval,

            // The smallest the library allows: a failed fetch is tried again by the next request that needs keys,
            // and fetches for unknown key ids are limited by our own rule in FindAsync.
            RefreshInterval = BaseConfigurationManager.MinimumRefreshInterval,
        };
        UseClock(_metadata, time);
    }

    /// <summary>The key with this id, or null when the channel does not publish one (even after a refetch).</summary>
    /// <exception cref="SigningKeysUnavailableException">No keys could be fetched and none are cached.</exception>
    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = await GetKeysAsync(cancellationToken).ConfigureAwait(false);
        if (keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        LogUnknownKey(_logger, keyId);
        if (!MayRefetch())
        {
            return null;
        }

        _metadata.RequestRefresh();
        keys = await GetKeysAsync(cancellationToken).ConfigureAwait(false);
        return keys.GetValueOrDefault(keyId);
    }

    /// <summary>
    /// The library keeps its clock in an internal member that its own tests set. Production runs on the system clock,
    /// which the library already uses; any other clock (fake time in tests) is handed to it so that the refresh rules
    /// are checked on the same clock as everything else, and fails loudly if a later version moves the member.
    /// </summary>
    private static void UseClock(ConfigurationManager<OpenIdConnectConfiguration> manager, TimeProvider time)
    {
        if (ReferenceEquals(time, TimeProvider.System))
        {
            return;
        }

        var field = typeof(ConfigurationManager<OpenIdConnectConfiguration>).GetField("TimeProvider", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("This version of Microsoft.IdentityModel.Protocols has no settable clock on ConfigurationManager; the signing key cache cannot run on a clock other than the system's.");
        field.SetValue(manager, time);
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

    private async Task<IReadOnlyDictionary<string, SigningKey>> GetKeysAsync(CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // The library throws this only while it holds no configuration; the failure itself was logged when it happened.
            throw new SigningKeysUnavailableException("The Bot Framework signing keys could not be fetched.", e);
        }

        var view = _view;
        if (view is null || !ReferenceEquals(view.Source, configuration))
        {
            view = new KeyView(configuration, ReadKeys(configuration));
            _view = view;
        }

        return view.Keys;
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

    /// <summary>True when no fetch has been tried for <see cref="BotOptions.SigningKeyMinimumRefetchInterval"/>.</summary>
    private bool MayRefetch()
    {
        lock (_attemptLock)
        {
            return _lastAttempt is not { } last || _time.GetUtcNow() - last >= _minimumRefetch;
        }
    }

    private void RecordAttempt()
    {
        lock (_attemptLock)
        {
            _lastAttempt = _time.GetUtcNow();
        }
    }

    private sealed record KeyView(OpenIdConnectConfiguration Source, IReadOnlyDictionary<string, SigningKey> Keys);

    /// <summary>The library's retriever, with each attempt recorded and logged, and a key set required.</summary>
    private sealed class MetadataRetriever(SigningKeyCache owner) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            owner.RecordAttempt();
            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel).ConfigureAwait(false);
                if (configuration.JsonWebKeySet is null)
                {
                    throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
                }

                LogKeysFetched(owner._logger, configuration.JsonWebKeySet.Keys.Count);
                return configuration;
            }
            catch (Exception e)
            {
                if (owner._view is null)
                {
                    LogFetchFailed(owner._logger, e);
                }
                else
                {
                    LogRefreshFailedKeepingKeys(owner._logger, e);
                }

                throw;
            }
        }
    }

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

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Could not refresh the Bot Framework signing keys; keeping the keys already held")]
    private static partial void LogRefreshFailedKeepingKeys(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Could not fetch the Bot Framework signing keys; requests cannot be authenticated")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "A token names signing key {KeyId}, which the cached set does not hold")]
    private static partial void LogUnknownKey(ILogger logger, string keyId);
}
