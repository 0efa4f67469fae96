using Azure.Core;

namespace QaBot.Infrastructure.Graph;

/// <summary>The credential QaBot signs in to Graph with: built from configuration, or registered directly (tests).</summary>
public sealed class GraphCredential(TokenCredential credential)
{
    public TokenCredential Credential { get; } = credential;
}
