using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Application.Storage;
using QaBot.Composition;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Infrastructure.Reminders;
using QaBot.Testing;
using QaBot.Testing.Connector;
using QaBot.Testing.Organisation;
using QaBot.Testing.Storage;

namespace QaBot.Benchmarks;

/// <summary>
/// A department-scale reminder run (<c>-- --reminders [digests]</c>): N digests queued on an Azurite queue, each for a
/// different person with a saved chat, sent by one sender through the whole delivery path (send ledger, limiter,
/// shared throttle marker) to the fake Bot Connector on loopback, which answers 429 to anything over the allowed rate
/// as Teams does. Reports the achieved rate as a fraction of the allowed one, at Teams' 50 requests a second and at
/// 500 (where our own overhead shows). One timed pass each: the run is long enough that a warm-up adds nothing.
/// </summary>
internal static class ReminderFanOut
{
    public static async Task RunAsync(TextWriter output, int digests, int senders)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Reminder fan-out: {digests:N0} digests, {(senders == 1 ? "one sender" : $"{senders} sender processes sharing the rate budget")}, Azurite queue and tables, fake Bot Connector on loopback"));
        await output.WriteLineAsync("allowed/s | digests | sent | first to last accepted | achieved/s | fraction | 429s | busiest second | busiest conversation-second | put back | storage round trips per digest (tables + queue)");
        foreach (var allowed in senders == 1 ? new[] { 50, 500 } : [50])
        {
            var times = new RequestTimes();
            var figures = await OnceAsync(allowed, digests, senders, times);
            await output.WriteLineAsync(figures);
            if (senders == 1)
            {
                await output.WriteLineAsync("  Where the storage requests' time went (from sending to the answer, summed over requests running side by side):");
                foreach (var line in times.Summary(8))
                {
                    await output.WriteLineAsync("  " + line);
                }
            }
        }
    }

    /// <summary>
    /// One sender process of several (<c>--sender-child PREFIX QUEUE ALLOWED</c>), started by <see cref="RunAsync"/>:
    /// the delivery path as <c>qabot reminders drain</c> builds it with <c>Reminders:SharedRateBudget</c> on, over the
    /// parent's tables and queue, until the queue is empty. Prints its storage round trips.
    /// </summary>
    public static async Task RunChildAsync(TextWriter output, string prefix, string queueName, int allowed)
    {
        var settings = Settings(prefix, queueName, allowed, shared: true);
        var (provider, tableTrips, queueTrips) = Build(settings);
        await using (provider)
        {
            var summary = await provider.GetRequiredService<DigestQueueDrain>().RunAsync(continuous: false, null, CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"child sent={summary.Count(SendState.Sent)} putback={summary.PutBack} poisoned={summary.Poisoned} tables={tableTrips.Requests} queue={queueTrips.Requests}"));
        }
    }

    /// <summary>The run's settings; <c>QABOT_BENCH_MARGIN</c> and <c>QABOT_BENCH_MARKER_REFRESH</c> (time spans) try other limiter settings, <c>QABOT_BENCH_PER_MESSAGE</c> other numbers of digests to a queue message, <c>QABOT_BENCH_HEADROOM</c> another shared budget's headroom.</summary>
    private static Dictionary<string, string?> Settings(string prefix, string queueName, int allowed, bool shared)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Reminders:QueueName"] = queueName,
            ["Reminders:GlobalRequestsPerSecond"] = allowed.ToString(CultureInfo.InvariantCulture),
            ["Reminders:SharedRateBudget"] = shared ? "true" : "false",
        };
        if (Environment.GetEnvironmentVariable("QABOT_BENCH_MARGIN") is { Length: > 0 } margin)
        {
            settings["Reminders:LimiterMargin"] = margin;
        }

        if (Environment.GetEnvironmentVariable("QABOT_BENCH_HEADROOM") is { Length: > 0 } headroom)
        {
            settings["Reminders:SharedRateHeadroom"] = headroom;
        }

        if (Environment.GetEnvironmentVariable("QABOT_BENCH_PER_MESSAGE") is { Length: > 0 } perMessage)
        {
            settings["Reminders:DigestsPerMessage"] = perMessage;
        }

        if (Environment.GetEnvironmentVariable("QABOT_BENCH_MARKER_REFRESH") is { Length: > 0 } refresh)
        {
            settings["Reminders:ThrottleMarkerRefresh"] = refresh;
        }

        return settings;
    }

    private static (ServiceProvider Provider, EntityCounter Tables, EntityCounter Queue) Build(Dictionary<string, string?> settings, RequestTimes? times = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddQaBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.Replace(ServiceDescriptor.Singleton<IDigestRenderer, TestDigestRenderer>());
        services.Replace(ServiceDescriptor.Singleton<IDigestSource, OneItemEach>());

        // Every storage round trip the sender makes, counted by a policy on the clients' pipelines.
        var tableTrips = new EntityCounter();
        var queueTrips = new EntityCounter();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(tableTrips, HttpPipelinePosition.PerCall);
        if (times is not null)
        {
            tableOptions.AddPolicy(times, HttpPipelinePosition.PerCall);
        }

        services.Replace(ServiceDescriptor.Singleton(new TableServiceClient(Azurite.Instance.ConnectionString, tableOptions)));
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(queueTrips, HttpPipelinePosition.PerCall);
        if (times is not null)
        {
            queueOptions.AddPolicy(times, HttpPipelinePosition.PerCall);
        }

        services.Replace(ServiceDescriptor.Singleton(new AzureDigestOutbox(new QueueServiceClient(Azurite.Instance.ConnectionString, queueOptions), settings["Reminders:QueueName"]!, settings["Reminders:QueueName"] + "-poison")));
        return (services.BuildServiceProvider(), tableTrips, queueTrips);
    }

    private static async Task<string> OnceAsync(int allowed, int digests, int senders, RequestTimes times)
    {
        await using var connector = await FakeBotConnector.StartAsync();
        connector.EnforceLimit(allowed);
        var settings = Settings(Azurite.UniqueName("b"), Azurite.UniqueName("bq"), allowed, shared: senders > 1);
        times.TablePrefix = settings["Storage:TablePrefix"]!;
        var (provider, tableTrips, queueTrips) = Build(settings, times);
        await using var owned = provider;
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync();
        var queue = provider.GetRequiredService<AzureDigestOutbox>();
        await queue.CreateIfMissingAsync();

        // Set up as the run leaves it: a Pending ledger entry per person, every chat known, and the digests on the queue
        // as many to a message as Reminders:DigestsPerMessage says (QABOT_BENCH_PER_MESSAGE, 16 unless set).
        var ledger = provider.GetRequiredService<ISendLedger>();
        var chats = provider.GetRequiredService<IConversationReferenceStore>();
        var perMessage = provider.GetRequiredService<IOptions<RemindersOptions>>().Value.DigestsPerMessage;
        var now = TimeProvider.System.GetUtcNow();
        const string RunId = "run-20261130T090000Z";
        var asOf = new DateOnly(2026, 11, 30);
        var people = Enumerable.Range(1, digests).Select(n => new PersonId($"20000000-0000-4000-8000-{n:D12}")).ToList();
        await Parallel.ForEachAsync(people.Chunk(perMessage), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, 32 / perMessage) }, async (chunk, ct) =>
        {
            await Task.WhenAll(chunk.Select(async person =>
            {
                await chats.SaveAsync(new ConversationReference(person, "msteams", connector.ServiceUrl, "a:" + person.Value, "29:" + person.Value, "28:bench-bot", "bench-tenant"), now, ct);
                await ledger.CreateAsync(new SendRecord(new DigestKey(RunId, person), SendState.Pending, 0, null, null, null, [], false, now, now), ct);
            }));
            await queue.EnqueueAsync(new DigestBundle(RunId, asOf, chunk), ct);
        });

        tableTrips.Reset();
        queueTrips.Reset();
        times.Reset();
        var wall = Stopwatch.StartNew();
        long tables, queues;
        int sent, putBack;
        if (senders == 1)
        {
            var summary = await provider.GetRequiredService<DigestQueueDrain>().RunAsync(continuous: false, null, CancellationToken.None);
            (tables, queues, sent, putBack) = (tableTrips.Requests, queueTrips.Requests, summary.Count(SendState.Sent), summary.PutBack);
        }
        else
        {
            var children = await Task.WhenAll(Enumerable.Range(1, senders).Select(_ => ChildAsync(settings, allowed)));
            (tables, queues, sent, putBack) = (children.Sum(c => c.Tables), children.Sum(c => c.Queue), children.Sum(c => c.Sent), children.Sum(c => c.PutBack));
        }

        wall.Stop();
        var perDigest = (double)(tables + queues) / digests;

        var requests = connector.Requests;
        var accepted = requests.Where(r => r.Accepted).ToList();
        var span = accepted.Max(r => r.At) - accepted.Min(r => r.At);

        // n requests granted at the allowed rate span (n - 1) / rate seconds.
        var achieved = (accepted.Count - 1) / span.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{allowed} | {digests:N0} | {sent:N0} | {span.TotalSeconds:F1} s (drain {wall.Elapsed.TotalSeconds:F1} s) | {achieved:F1} | {achieved / allowed:F3} | {requests.Count(r => r.Status == 429)} | {RateWindows.MaxInAnyWindow(requests.Select(r => r.At), TimeSpan.FromSeconds(1))} | {RateWindows.MaxPerConversation(requests, TimeSpan.FromSeconds(1))} | {putBack} | {perDigest:F2} ({(double)tables / digests:F2} + {(double)queues / digests:F2})");
    }

    /// <summary>Starts one sender process over the run's tables and queue and waits for it to empty the queue with the others.</summary>
    private static async Task<(long Tables, long Queue, int Sent, int PutBack)> ChildAsync(Dictionary<string, string?> settings, int allowed)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["QABOT_TEST_STORAGE"] = Azurite.Instance.ConnectionString;
        foreach (var arg in new[] { typeof(ReminderFanOut).Assembly.Location, "--sender-child", settings["Storage:TablePrefix"]!, settings["Reminders:QueueName"]!, allowed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("child ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"A sender process ended without its summary (exit {process.ExitCode}): {error}{output}");
        var fields = line["child ".Length..].Trim().Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        return (fields["tables"], fields["queue"], (int)fields["sent"], (int)fields["putback"]);
    }

    /// <summary>Everyone has one item due, without reading storage: the cost measured is the sending, not composing.</summary>
    private sealed class OneItemEach : IDigestSource
    {
        public Task<Digest?> ComposeAsync(PersonId recipient, DateOnly asOf, string runId, CancellationToken cancellationToken = default)
        {
            var item = TestItems.Open("occ-" + recipient.Value, recipient, TestDirectory.ChesterfieldTeam1, asOf);
            return Task.FromResult<Digest?>(new Digest(recipient, "Person", asOf, [new DigestItem(item, "Person", null, 0)], [], runId));
        }
    }
}
