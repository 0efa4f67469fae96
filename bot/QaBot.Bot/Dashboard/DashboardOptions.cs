using Microsoft.Extensions.Options;

namespace QaBot.Bot.Dashboard;

/// <summary>The dashboard tab's sign-in (configuration section <c>Dashboard</c>; docs/dashboard.md).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The scope the tab's app registration exposes and Teams asks for (<c>api://{domain}/{clientId}/access_as_user</c>).</summary>
    public const string DefaultScope = "access_as_user";

    /// <summary>
    /// The tab's Entra app registration (the one exposing <c>api://{BOT_DOMAIN}/{clientId}</c>): the audience every
    /// token must carry. Empty turns sign-in off: the dashboard then answers only in local development (see <see cref="LocalPerson"/>).
    /// </summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The council's Entra tenant; empty means <c>Bot:TenantId</c>. Tokens from any other tenant are refused.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The Entra authority host (another for government clouds).</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Where the signing keys are published; empty means the tenant's v2.0 OpenID metadata under <see cref="Instance"/>.</summary>
    public string MetadataUrl { get; set; } = string.Empty;

    /// <summary>The delegated scope a token must hold.</summary>
    public string Scope { get; set; } = DefaultScope;

    /// <summary>
    /// Local development only (no <c>Bot:AppId</c>, no <see cref="ClientId"/>, the Development environment, a caller on
    /// this machine): the Entra object id of the demo person the dashboard acts as (<c>./run --as</c>).
    /// </summary>
    public string LocalPerson { get; set; } = string.Empty;

    /// <summary>
    /// Work out the department's dashboard once when the bot starts, before it takes requests, so the first view after a
    /// start is not slowed by it (<see cref="DashboardWarmUp"/>). Off where start-up time matters more.
    /// </summary>
    public bool WarmUpAtStartup { get; set; } = true;

    public bool SignInConfigured => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The tenant tokens must come from: this section's, else the bot's.</summary>
    public string EffectiveTenant(string botTenant) => string.IsNullOrWhiteSpace(TenantId) ? botTenant : TenantId;

    public static string IssuerFor(string instance, string tenant) => $"{instance.TrimEnd('/')}/{tenant}/v2.0";

    public string EffectiveMetadataUrl(string tenant) =>
        string.IsNullOrWhiteSpace(MetadataUrl) ? $"{IssuerFor(Instance, tenant)}/.well-known/openid-configuration" : MetadataUrl;
}

/// <summary>A configured client id needs a tenant (a GUID) to check tokens against, and an https metadata address.</summary>
internal sealed class DashboardOptionsValidation(IServiceProvider services) : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        if (!options.SignInConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Guid.TryParse(options.ClientId, out _))
        {
            return ValidateOptionsResult.Fail($"Dashboard:ClientId '{options.ClientId}' is not an app registration's client id (a GUID).");
        }

        var tenant = options.EffectiveTenant(QaBot.Composition.ConversationProtocol.HostIdentity(services).TenantId);
        if (!Guid.TryParse(tenant, out _))
        {
            return ValidateOptionsResult.Fail("Dashboard:ClientId is set, so the dashboard needs the council's tenant id (a GUID) in Dashboard:TenantId or Bot:TenantId.");
        }

        return Uri.TryCreate(options.EffectiveMetadataUrl(tenant), UriKind.Absolute, out var metadata) && metadata.Scheme == Uri.UriSchemeHttps
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Dashboard:MetadataUrl must be an absolute https address.");
    }
}
