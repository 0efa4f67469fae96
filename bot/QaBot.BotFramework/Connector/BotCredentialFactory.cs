using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;

namespace QaBot.BotFramework.Connector;

/// <summary>Builds the Azure.Identity credential the configuration names. No network calls happen here.</summary>
internal static class BotCredentialFactory
{
    public static TokenCredential? Create(BotOptions options)
    {
        var authority = new Uri(options.AuthorityHost);
        switch (options.Credential)
        {
            case BotCredentialKind.None:
                return null;
            case BotCredentialKind.ClientSecret:
                return new ClientSecretCredential(
                    options.TenantId,
                    options.AppId,
                    options.ClientSecret,
                    new ClientSecretCredentialOptions { AuthorityHost = authority });
            case BotCredentialKind.Certificate:
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
                return new ClientCertificateCredential(
                    options.TenantId,
                    options.AppId,
                    certificate,
                    new ClientCertificateCredentialOptions { AuthorityHost = authority });
            case BotCredentialKind.ManagedIdentity:
                var clientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? options.AppId : options.ManagedIdentityClientId;
                return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            default:
                throw new InvalidOperationException($"Bot:Credential has an unknown value {(int)options.Credential}.");
        }
    }
}
