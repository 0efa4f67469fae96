using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using QaBot.Application.Configuration;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Builds the <see cref="GraphServiceClient"/>: the SDK's default middleware with its retry handler replaced by
/// <see cref="GraphRetryHandler"/>, then <see cref="GraphConcurrencyHandler"/> next to the transport.
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
        var retry = new GraphRetryHandler(graph.Retry, time, graph.Timeout, logger);
        if (retryAt < 0)
        {
            handlers.Insert(0, retry);
        }
        else
        {
            handlers[retryAt] = retry;
        }

        handlers.Add(new GraphConcurrencyHandler(sync.MaxConcurrentRequests));
        var http = GraphClientFactory.Create(handlers, finalHandler: transport, disposeHandler: false);

        // Each attempt has its own timeout (Graph:Timeout, in the retry handler); the whole call may wait out Retry-After.
        http.Timeout = Timeout.InfiniteTimeSpan;
        return new GraphServiceClient(http, credential, Scopes);
    }
}
