using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace QaBot.Testing.Storage;

/// <summary>
/// Counts what the storage services send back: requests, and entities in the table service's query and point-read
/// responses. Add it to a client's pipeline to prove how much a repository call reads.
/// </summary>
public sealed class EntityCounter : HttpPipelinePolicy
{
    private long _requests;
    private long _entities;
    private long _reads;

    /// <summary>All requests, reads and writes.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that read entities (GET).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Entities returned by the service.</summary>
    public long Entities => Interlocked.Read(ref _entities);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _entities, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200)
        {
            return;
        }

        Interlocked.Increment(ref _reads);
        if (!message.Response.Headers.TryGetValue("Content-Type", out var type) || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            // Not the table service (the queue service answers in XML): a request, but no entities to count.
            return;
        }

        using var document = JsonDocument.Parse(message.Response.Content.ToMemory());
        var root = document.RootElement;
        var count = root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.GetArrayLength()
            : root.TryGetProperty("PartitionKey", out _) ? 1 : 0;
        Interlocked.Add(ref _entities, count);
    }
}
