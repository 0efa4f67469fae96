namespace QaBot.Infrastructure.Graph;

/// <summary>Something needed Microsoft Graph while no Graph credential is configured.</summary>
public sealed class GraphNotConfiguredException : InvalidOperationException
{
    public GraphNotConfiguredException()
        : base("Microsoft Graph is not configured: set Graph:TenantId, Graph:ClientId and a credential (Graph:ClientSecret, Graph:CertificatePath or Graph:Credential ManagedIdentity); see docs/graph-permissions.md.")
    {
    }

    public GraphNotConfiguredException(string message)
        : base(message)
    {
    }

    public GraphNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
