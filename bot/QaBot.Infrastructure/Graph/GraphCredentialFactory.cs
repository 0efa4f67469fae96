using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;

namespace QaBot.Infrastructure.Graph;

/// <summary>Builds the Azure.Identity credential <c>Graph:Credential</c> names. The certificate file is read here; no network call is made.</summary>
internal static class GraphCredentialFactory
{
    public static TokenCredential Create(GraphOptions options)
    {
        var authority = new Uri(options.AuthorityHost);
        return options.EffectiveCredential switch
        {
            GraphCredentialKind.ClientSecret => new ClientSecretCredential(
                options.TenantId,
                options.ClientId,
                options.ClientSecret,
                new ClientSecretCredentialOptions { AuthorityHost = authority }),
            GraphCredentialKind.Certificate => new ClientCertificateCredential(
                options.TenantId,
                options.ClientId,
                X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword),
                new ClientCertificateCredentialOptions { AuthorityHost = authority }),
            GraphCredentialKind.ManagedIdentity => string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                ? new ManagedIdentityCredential(Environment.GetEnvironmentVariable("AZURE_CLIENT_ID") is { Length: > 0 } id
                    ? ManagedIdentityId.FromUserAssignedClientId(id)
                    : ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId)),
            _ => throw new GraphNotConfiguredException(),
        };
    }
}
