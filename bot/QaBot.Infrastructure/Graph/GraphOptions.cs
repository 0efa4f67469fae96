using System.ComponentModel.DataAnnotations;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// How QaBot reaches Microsoft Graph (section <c>Graph</c>): the tenant, the app and its credential, and retries. What
/// the Graph work does (mailboxes, the meetings file, installs, directory sync rules) is in
/// <see cref="Application.Configuration.GraphSyncOptions"/>, bound to the same section. See docs/configuration.md.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public string? TenantId { get; set; }

    /// <summary>The app registration's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Left unset, it follows from what is given: a secret, a certificate path, a managed identity's client id, or nothing.</summary>
    public GraphCredentialKind? Credential { get; set; }

    public string? ClientSecret { get; set; }

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The user-assigned managed identity's client id; empty uses AZURE_CLIENT_ID, then the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    [Required]
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>How long one request may take, retries apart.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of 429, 503 and 504 and network failures: Retry-After is waited out when Graph sends one.</summary>
    public GraphRetryOptions Retry { get; set; } = new();

    /// <summary>The credential in force: the one named, or the one the given settings imply.</summary>
    public GraphCredentialKind EffectiveCredential => Credential ?? (
        !string.IsNullOrWhiteSpace(ClientSecret) ? GraphCredentialKind.ClientSecret
        : !string.IsNullOrWhiteSpace(CertificatePath) ? GraphCredentialKind.Certificate
        : !string.IsNullOrWhiteSpace(ManagedIdentityClientId) ? GraphCredentialKind.ManagedIdentity
        : GraphCredentialKind.None);

    public bool IsConfigured => EffectiveCredential != GraphCredentialKind.None;
}
