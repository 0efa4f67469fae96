namespace QaBot.BotFramework;

/// <summary>How the bot proves who it is when it calls the Bot Connector.</summary>
public enum BotCredentialKind
{
    /// <summary>No token (local development against the Agents Playground; only valid with an empty <c>Bot:AppId</c>).</summary>
    None = 0,

    /// <summary>The app registration's client secret (<c>Bot:ClientSecret</c>, from Key Vault or application settings).</summary>
    ClientSecret,

    /// <summary>A certificate on disk (<c>Bot:CertificatePath</c>, optional <c>Bot:CertificatePassword</c>).</summary>
    Certificate,

    /// <summary>A user-assigned managed identity (the Azure Bot's "UserAssignedMSI" type; client id <c>Bot:ManagedIdentityClientId</c>, default the app id).</summary>
    ManagedIdentity,
}
