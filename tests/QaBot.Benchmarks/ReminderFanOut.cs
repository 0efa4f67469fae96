using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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
    public static async Task RunAsync(TextWriter output, int digests)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Reminder fan-out: {digests:N0} digests, one sender, Azurite queue and tables, fake Bot Connector on loopback"));
        await output.WriteLineAsync("allowed/s | digests | sent | first to last accepted | achieved/s | fraction | 429s | busiest second | busiest conversation-second | put back | storage round trips per digest (tables + queue)");
        foreach (var allowed in new[] { 50, 500 })
        {
            var figures = await OnceAsync(allowed, digests);
            await output.WriteLineAsync(figures);
        }
    }

    private static async Task<string> OnceAsync(int allowed, int digests)
    {
        await using var connector = await FakeBotConnector.StartAsync();
        connector.EnforceLimit(allowed);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.UniqueName("b"),
            ["Reminders:QueueName"] = Azurite.UniqueName("bq"),
            ["Reminders:GlobalRequestsPerSecond"] = allowed.ToString(CultureInfo.InvariantCulture),
        };
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
        services.Replace(ServiceDescriptor.Singleton(new TableServiceClient(Azurite.Instance.ConnectionString, tableOptions)));
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(queueTrips, HttpPipelinePosition.PerCall);
        services.Replace(ServiceDescriptor.Singleton(new AzureDigestOutbox(new QueueServiceClient(Azurite.Instance.ConnectionString, queueOptions), settings["Reminders:QueueName"]!, settings["Reminders:QueueName"] + "-poison")));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync();
        var queue = provider.GetRequiredService<AzureDigestOutbox>();
        await queue.CreateIfMissingAsync();

        // Set up as the run leaves it: a Pending ledger entry and a queue message per person, every chat known.
        var ledger = provider.GetRequiredService<ISendLedger>();
        var chats = provider.GetRequiredService<IConversationReferenceStore>();
        var now = TimeProvider.System.GetUtcNow();
        const string RunId = "run-20261130T090000Z";
        await Parallel.ForEachAsync(Enumerable.Range(1, digests), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, ct) =>
        {
            var person = new PersonId($"20000000-0000-4000-8000-{n:D12}");
            await chats.SaveAsync(new ConversationReference(person, "msteams", connector.ServiceUrl, "a:" + person.Value, "29:" + person.Value, "28:bench-bot", "bench-tenant"), now, ct);
            var message = new DigestMessage(RunId, person, new DateOnly(2026, 11, 30));
            await ledger.CreateAsync(new SendRecord(message.Key, SendState.Pending, 0, null, null, null, [], false, now, now), ct);
            await queue.EnqueueAsync(message, ct);
        });

        tableTrips.Reset();
        queueTrips.Reset();
        var wall = Stopwatch.StartNew();
        var summary = await provider.GetRequiredService<DigestQueueDrain>().RunAsync(continuous: false, null, CancellationToken.None);
        wall.Stop();
        var perDigest = (double)(tableTrips.Requests + queueTrips.Requests) / digests;

        var requests = connector.Requests;
        var accepted = requests.Where(r => r.Accepted).ToList();
        var span = accepted.Max(r => r.At) - accepted.Min(r => r.At);

        // n requests granted at the allowed rate span (n - 1) / rate seconds.
        var achieved = (accepted.Count - 1) / span.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{allowed} | {digests:N0} | {summary.Count(SendState.Sent):N0} | {span.TotalSeconds:F1} s (drain {wall.Elapsed.TotalSeconds:F1} s) | {achieved:F1} | {achieved / allowed:F3} | {requests.Count(r => r.Status == 429)} | {RateWindows.MaxInAnyWindow(requests.Select(r => r.At), TimeSpan.FromSeconds(1))} | {RateWindows.MaxPerConversation(requests, TimeSpan.FromSeconds(1))} | {summary.PutBack} | {perDigest:F2} ({(double)tableTrips.Requests / digests:F2} + {(double)queueTrips.Requests / digests:F2})");
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
