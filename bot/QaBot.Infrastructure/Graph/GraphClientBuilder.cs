using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using QaBot.Application.Configuration;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Builds the <see cref="GraphServiceClient"/>: the SDK's default middleware with its retry handler replaced by
/// <see cref="GraphResilience"/>'s, then <see cref="GraphConcurrencyHandler"/> next to the transport.
/// </summary>
internal static class GraphClientBuilder
{
    public static readonly string[] Scopes = ["https://graph.microsoft.com/.default"];

    public static GraphServiceClient Create(
        GraphOptions graph,
        GraphSyncOptions sync,
        TokenCredential credential,
        TimeProvider time,
        ILogger logger,
        HttpMessageHandler transport)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers(new GraphClientOptions()).ToList();
        var retryAt = handlers.FindIndex(h => h is RetryHandler);
        if (retryAt < 0)
        {
            retryAt = 0;
        }
        else
        {
            handlers.RemoveAt(retryAt);
        }

        handlers.InsertRange(retryAt, GraphResilience.CreateHandlers(graph, time, logger));

        handlers.Add(new GraphConcurrencyHandler(sync.MaxConcurrentRequests));
        handlers.Add(new GraphTelemetryHandler());
        var http = GraphClientFactory.Create(handlers, finalHandler: transport, disposeHandler: false);

        // Each attempt has its own timeout (Graph:Timeout, in GraphResilience); the whole call may wait out Retry-After.
        http.Timeout = Timeout.InfiniteTimeSpan;
        return new GraphServiceClient(http, credential, Scopes);
    }
}
