using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace QaBot.Benchmarks;

/// <summary>
/// Where a run's storage time went: each table or queue request's time from sending to its answer, summed by kind (a query,
/// a point read, a write, a transaction) and by table, so a benchmark can say which requests bound it.
/// </summary>
internal sealed class RequestTimes : HttpPipelinePolicy
{
    /// <summary>The run's table prefix, left out of the table names printed.</summary>
    public string TablePrefix { get; set; } = string.Empty;

    private readonly ConcurrentDictionary<string, (long Count, long Ticks)> _totals = new(StringComparer.Ordinal);

    public void Reset() => _totals.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Add(message, Stopwatch.GetTimestamp() - started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Add(message, Stopwatch.GetTimestamp() - started);
    }

    /// <summary>How many requests of one kind (as <see cref="Summary"/> names them, such as "Outstanding query") were made.</summary>
    public long Count(string kind) => _totals.TryGetValue(kind, out var total) ? total.Count : 0;

    /// <summary>The kinds of request that took longest, with their count, total and mean time.</summary>
    public IEnumerable<string> Summary(int top) => _totals
        .OrderByDescending(t => t.Value.Ticks)
        .Take(top)
        .Select(t => string.Create(
            CultureInfo.InvariantCulture,
            $"{t.Key,-36} {t.Value.Count,7:N0} requests {Stopwatch.GetElapsedTime(0, t.Value.Ticks).TotalSeconds,8:F1} s in all, {Stopwatch.GetElapsedTime(0, t.Value.Ticks).TotalMilliseconds / t.Value.Count,7:F1} ms each"));

    private void Add(HttpMessage message, long ticks)
    {
        var key = Kind(message.Request);
        _totals.AddOrUpdate(key, (1, ticks), (_, t) => (t.Count + 1, t.Ticks + ticks));
    }

    private string Kind(Request request)
    {
        var path = request.Uri.Path;
        if (path.Contains("/messages", StringComparison.Ordinal))
        {
            return "queue " + request.Method.Method switch { "GET" => "receive", "DELETE" => "delete", "PUT" => "update", "POST" => "put", var other => other };
        }

        var last = path[(path.LastIndexOf('/') + 1)..];
        var table = last.Split('(')[0];
        if (TablePrefix.Length > 0 && table.StartsWith(TablePrefix, StringComparison.OrdinalIgnoreCase))
        {
            table = table[TablePrefix.Length..];
        }

        var method = request.Method.Method;
        var kind = last == "$batch" ? "transaction"
            : method == "GET" && last.Contains("(PartitionKey=", StringComparison.Ordinal) ? "point read"
            : method == "GET" ? "query"
            : method == "POST" ? "insert"
            : method is "PUT" or "MERGE" or "PATCH" ? "update"
            : method.ToLowerInvariant();
        return $"{table} {kind}";
    }
}
