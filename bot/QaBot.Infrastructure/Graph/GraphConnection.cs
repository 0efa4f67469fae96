using Microsoft.Extensions.Options;
using QaBot.Application.Sync;

namespace QaBot.Infrastructure.Graph;

/// <summary>Graph is reachable when the <c>Graph</c> section names a credential.</summary>
internal sealed class GraphConnection(IOptions<GraphOptions> options) : IGraphConnection
{
    public bool IsConfigured => options.Value.IsConfigured;
}
