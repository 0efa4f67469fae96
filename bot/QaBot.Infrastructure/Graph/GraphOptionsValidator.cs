using Microsoft.Extensions.Options;

namespace QaBot.Infrastructure.Graph;

/// <summary>Stops start-up when the Graph settings do not fit together, naming the key.</summary>
internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();
        var kind = options.EffectiveCredential;
        if (kind is GraphCredentialKind.ClientSecret or GraphCredentialKind.Certificate)
        {
            if (string.IsNullOrWhiteSpace(options.TenantId))
            {
                failures.Add($"Graph:TenantId is required with Graph:Credential {kind}: the council's Entra tenant id.");
            }

            if (!Guid.TryParse(options.ClientId, out _))
            {
                failures.Add($"Graph:ClientId must be the app registration's client id (a GUID) with Graph:Credential {kind}.");
            }
        }

        if (kind == GraphCredentialKind.ClientSecret && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Graph:ClientSecret is required with Graph:Credential ClientSecret (a Key Vault reference in Azure, user secrets locally).");
        }

        if (kind == GraphCredentialKind.Certificate && string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            failures.Add("Graph:CertificatePath is required with Graph:Credential Certificate: a PKCS#12 (.pfx) file.");
        }

        if (!Uri.TryCreate(options.AuthorityHost, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Graph:AuthorityHost '{options.AuthorityHost}' must be an https URL.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Graph:Timeout must be from 00:00:01 to 00:10:00.");
        }

        if (options.Retry.MaxAttempts is < 1 or > 10)
        {
            failures.Add("Graph:Retry:MaxAttempts must be from 1 to 10.");
        }

        if (options.Retry.BaseDelay <= TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.BaseDelay || options.Retry.MaxDelay > TimeSpan.FromDays(1))
        {
            failures.Add("Graph:Retry:BaseDelay must be more than zero and Graph:Retry:MaxDelay at least as long (and at most a day).");
        }

        if (options.Retry.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("Graph:Retry:MaxRetryAfter must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
