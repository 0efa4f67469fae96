using Microsoft.Extensions.Options;

namespace QaBot.BotFramework;

/// <summary>Checks the <c>Bot</c> section at start-up so that a misconfigured bot stops with a message naming the key.</summary>
internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    private static readonly TimeSpan MaxKeyRefresh = TimeSpan.FromHours(24);

    private static readonly TimeSpan MinKeyRefresh = TimeSpan.FromMinutes(5);

    // Below this, strangers sending made-up key ids could make the bot fetch the metadata many times a minute.
    private static readonly TimeSpan MinKeyRefetch = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var errors = new List<string>();

        if (!LoopbackAddress.TryParseSecureOrLoopback(options.OpenIdMetadataUrl, out _))
        {
            errors.Add($"Bot:OpenIdMetadataUrl must be an absolute https URL (plain http only for localhost); it is '{options.OpenIdMetadataUrl}'.");
        }

        if (options.SigningKeyRefreshInterval < MinKeyRefresh || options.SigningKeyRefreshInterval > MaxKeyRefresh)
        {
            errors.Add("Bot:SigningKeyRefreshInterval must be at least 00:05:00 and at most 24:00:00 (keys are refreshed at least daily).");
        }

        if (options.SigningKeyMinimumRefetchInterval < MinKeyRefetch || options.SigningKeyMinimumRefetchInterval > options.SigningKeyRefreshInterval)
        {
            errors.Add("Bot:SigningKeyMinimumRefetchInterval must be at least 00:00:30 and at most Bot:SigningKeyRefreshInterval.");
        }

        if (options.Issuers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Bot:Issuers contains an empty entry.");
        }

        if (options.AllowedChannels.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Bot:AllowedChannels contains an empty entry.");
        }

        if (options.ServiceUrlHosts.Any(h => string.IsNullOrWhiteSpace(h) || Uri.CheckHostName(h.Trim()) != UriHostNameType.Dns))
        {
            errors.Add("Bot:ServiceUrlHosts must list host names only (for example smba.trafficmanager.net), without scheme, port or path.");
        }

        if (options.AllowedTenants.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Bot:AllowedTenants contains an empty entry.");
        }

        if (options.IsLocalDevelopment)
        {
            if (options.Credential != BotCredentialKind.None)
            {
                errors.Add($"Bot:Credential is {options.Credential} but Bot:AppId is empty: set the app id, or remove the credential for local development.");
            }
        }
        else
        {
            ValidateProduction(options, errors);
        }

        if (options.ConnectorTimeout <= TimeSpan.Zero)
        {
            errors.Add("Bot:ConnectorTimeout must be more than zero.");
        }

        var retry = options.Retry;
        if (retry.MaxAttempts is < 1 or > 10)
        {
            errors.Add("Bot:Retry:MaxAttempts must be between 1 and 10.");
        }

        if (retry.BaseDelay <= TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
        {
            errors.Add("Bot:Retry:BaseDelay must be more than zero and Bot:Retry:MaxDelay at least as long.");
        }

        if (retry.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add("Bot:Retry:MaxRetryAfter must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateProduction(BotOptions options, List<string> errors)
    {
        if (options.EffectiveAllowedTenants.Count == 0)
        {
            errors.Add("Bot:TenantId (or Bot:AllowedTenants) must be set when Bot:AppId is set: QaBot serves named tenants only.");
        }

        if (string.IsNullOrWhiteSpace(options.OAuthScope))
        {
            errors.Add("Bot:OAuthScope must not be empty.");
        }

        if (!Uri.TryCreate(options.AuthorityHost, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"Bot:AuthorityHost must be an absolute https URL; it is '{options.AuthorityHost}'.");
        }

        switch (options.Credential)
        {
            case BotCredentialKind.None:
                errors.Add("Bot:Credential must be ClientSecret, Certificate or ManagedIdentity when Bot:AppId is set (the bot needs a token to reply).");
                break;
            case BotCredentialKind.ClientSecret:
                RequireTenant(options, errors);
                if (string.IsNullOrWhiteSpace(options.ClientSecret))
                {
                    errors.Add("Bot:ClientSecret must be set when Bot:Credential is ClientSecret (supply it from Key Vault or a secret store).");
                }

                break;
            case BotCredentialKind.Certificate:
                RequireTenant(options, errors);
                if (string.IsNullOrWhiteSpace(options.CertificatePath))
                {
                    errors.Add("Bot:CertificatePath must be set when Bot:Credential is Certificate.");
                }
                else if (!File.Exists(options.CertificatePath))
                {
                    errors.Add($"Bot:CertificatePath names a file that does not exist: '{options.CertificatePath}'.");
                }

                break;
            case BotCredentialKind.ManagedIdentity:
                break;
            default:
                errors.Add($"Bot:Credential has an unknown value {(int)options.Credential}.");
                break;
        }
    }

    private static void RequireTenant(BotOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add($"Bot:TenantId must be set when Bot:Credential is {options.Credential} (single-tenant bots get their token from their own tenant).");
        }
    }
}
