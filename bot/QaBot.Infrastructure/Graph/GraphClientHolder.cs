using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using QaBot.Application.Configuration;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Builds the one <see cref="GraphServiceClient"/> on first use, so that processes which never call Graph (or run
/// without Graph settings) neither need the settings nor read a certificate.
/// </summary>
internal sealed class GraphClientHolder : IDisposable
{
    private readonly Lazy<GraphServiceClient> _client;

    public GraphClientHolder(IServiceProvider services)
    {
        _client = new Lazy<GraphServiceClient>(() =>
        {
            var graph = services.GetRequiredService<IOptions<GraphOptions>>().Value;
            if (!graph.IsConfigured && services.GetService<GraphCredential>() is null)
            {
                throw new GraphNotConfiguredException();
            }

            return GraphClientBuilder.Create(
                graph,
                services.GetRequiredService<IOptions<GraphSyncOptions>>().Value,
                services.GetRequiredService<GraphCredential>().Credential,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger("QaBot.Graph"),
                services.GetRequiredService<GraphTransport>().Handler);
        });
    }

    public GraphServiceClient Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
