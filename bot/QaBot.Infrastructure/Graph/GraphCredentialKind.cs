namespace QaBot.Infrastructure.Graph;

/// <summary>How QaBot signs in to Microsoft Graph (<c>Graph:Credential</c>).</summary>
public enum GraphCredentialKind
{
    /// <summary>Graph is not used: meetings, directory sync and installs are off (local development, or a council not using them).</summary>
    None = 0,

    /// <summary>The app registration's client secret (<c>Graph:ClientSecret</c>, a Key Vault reference in Azure).</summary>
    ClientSecret,

    /// <summary>A certificate on disk (<c>Graph:CertificatePath</c>, optional <c>Graph:CertificatePassword</c>).</summary>
    Certificate,

    /// <summary>A managed identity granted the Graph permissions itself (<c>Graph:ManagedIdentityClientId</c>, else AZURE_CLIENT_ID).</summary>
    ManagedIdentity,
}
