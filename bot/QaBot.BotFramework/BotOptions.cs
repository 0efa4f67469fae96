namespace QaBot.BotFramework;

/// <summary>The bot's identity and how it talks to the Bot Framework (configuration section <c>Bot</c>).</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    public const string BotFrameworkMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    public const string TeamsChannel = "msteams";

    /// <summary>
    /// The Teams public cloud's Bot Connector host: every Teams service URL there is
    /// <c>https://smba.trafficmanager.net/{region}/</c> (Microsoft's "Bot Framework REST API reference", service URL
    /// section, and the URLs Teams sends in each activity). Government clouds use other hosts and set
    /// <see cref="ServiceUrlHosts"/>.
    /// </summary>
    public const string TeamsPublicCloudServiceUrlHost = "smba.trafficmanager.net";

    /// <summary>
    /// The Azure Bot's Microsoft app id: the audience inbound tokens must carry and the client id outbound. Empty
    /// only for local development, when unauthenticated requests are accepted from this machine alone.
    /// </summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The council's Entra tenant id (single-tenant bot): where outbound tokens come from and, by default, the only tenant served.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Where the signing keys of inbound tokens are published. https only, except for a loopback host.</summary>
    public string OpenIdMetadataUrl { get; set; } = BotFrameworkMetadataUrl;

    /// <summary>Accepted token issuers; empty means <see cref="BotFrameworkIssuer"/>.</summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>Tenants whose activities are served; empty means <see cref="TenantId"/> alone (or any, when that is empty too in local development).</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Channels whose activities are served; empty means <see cref="TeamsChannel"/> alone. QaBot is a Teams app.</summary>
    public List<string> AllowedChannels { get; set; } = [];

    /// <summary>
    /// Hosts the bot's token may be sent to (https, default port); empty means <see cref="TeamsPublicCloudServiceUrlHost"/>
    /// alone. Loopback is allowed in the Development environment only (the Agents Playground).
    /// </summary>
    public List<string> ServiceUrlHosts { get; set; } = [];

    /// <summary>How old the signing keys may grow before the next request that needs them fetches them again (at most a day).</summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The shortest gap between two fetches of the signing keys, whatever asks for them (unknown key ids, an empty or
    /// old cache); doubled after each failed fetch. Unauthenticated requests cannot make the bot fetch more often.
    /// </summary>
    public TimeSpan SigningKeyMinimumRefetchInterval { get; set; } = TimeSpan.FromMinutes(5);

    public BotCredentialKind Credential { get; set; } = BotCredentialKind.None;

    /// <summary>For <see cref="BotCredentialKind.ClientSecret"/>. Supply it from Key Vault or a secret store, never from a committed file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>For <see cref="BotCredentialKind.Certificate"/>: a PKCS#12 file (.pfx/.p12).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>For <see cref="BotCredentialKind.ManagedIdentity"/>: the user-assigned identity's client id; empty means <see cref="AppId"/>.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The Entra authority host for outbound tokens.</summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>The scope requested for outbound tokens.</summary>
    public string OAuthScope { get; set; } = BotFrameworkScope;

    /// <summary>The timeout of one HTTP attempt to the connector.</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public ConnectorRetryOptions Retry { get; set; } = new();

    /// <summary>True when no app id is configured: local development, no inbound authentication, no outbound token.</summary>
    public bool IsLocalDevelopment => string.IsNullOrWhiteSpace(AppId);

    /// <summary>The issuers actually accepted (the configured list, or the Bot Framework's).</summary>
    public IReadOnlyList<string> EffectiveIssuers =>
        Issuers.Count > 0 ? Issuers : [BotFrameworkIssuer];

    /// <summary>The channels actually served (the configured list, or Teams alone).</summary>
    public IReadOnlyList<string> EffectiveAllowedChannels =>
        AllowedChannels.Count > 0 ? AllowedChannels : [TeamsChannel];

    /// <summary>The service URL hosts actually allowed (the configured list, or the Teams public cloud's).</summary>
    public IReadOnlyList<string> EffectiveServiceUrlHosts =>
        ServiceUrlHosts.Count > 0 ? ServiceUrlHosts : [TeamsPublicCloudServiceUrlHost];

    /// <summary>The tenants actually served; empty means any (local development with no tenant configured).</summary>
    public IReadOnlyList<string> EffectiveAllowedTenants =>
        AllowedTenants.Count > 0 ? AllowedTenants
        : string.IsNullOrWhiteSpace(TenantId) ? []
        : [TenantId];
}
