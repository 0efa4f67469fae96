using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Core.Organisation;
using QaBot.Testing.Connector;
using Xunit.Abstractions;

namespace QaBot.Functions.Tests;

/// <summary>
/// Delivery at volume under faults: Teams throttling and failing a fifth of the sends, a sender stopped hard mid-run
/// and another started in its place. Nothing may be lost, anything sent twice must be in the ledger as a possible
/// duplicate, and the requests Teams sees must stay inside the limits in every one-second window.
/// </summary>
[Trait("Category", "Storage")]
public sealed class FaultTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private readonly ITestOutputHelper _output;

    public FaultTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static PersonId Person(int n) => new($"10000000-0000-4000-8000-{n:D12}");

    [Fact]
    public async Task Drain_ThousandDigestsWithFaultsAndASenderStoppedHard_EveryDigestArrivesOncePaced()
    {
        // Limits scaled up (global) so the test takes seconds; the per-conversation limit is Teams' own.
        const int Global = 200;
        const int PerConversation = 7;
        await using var host = await PipelineHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Reminders:GlobalRequestsPerSecond"] = PipelineHost.Text(Global),
                ["Reminders:PerConversationRequestsPerSecond"] = PipelineHost.Text(PerConversation),
                ["Reminders:MaxAttemptsPerDelivery"] = "8",
                ["Reminders:SendConcurrency"] = "48",
                ["Reminders:SendingLease"] = "00:00:05",
            },
            s => s.AddSingleton<IDigestSource, OneItemDigests>());

        const int Digests = 1000;
        var people = Enumerable.Range(1, Digests).Select(Person).ToList();

        // Nine in ten have talked to the bot; the rest need their chat opened first.
        await Parallel.ForEachAsync(people.Where((_, i) => i % 10 != 0), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) => await host.SaveConversationAsync(p));
        await host.QueueDigestsAsync("run-fault", people, AsOf);

        // One send in five is answered 429 or 503; a few of the 429s carry Retry-After: 1, which every sender honours.
        var random = new Random(7);
        var gate = new Lock();
        var withRetryAfter = 0;
        host.Connector.FailWhen(_ =>
        {
            lock (gate)
            {
                var roll = random.NextDouble();
                return roll switch
                {
                    < 0.10 => withRetryAfter++ < 3 ? FakeAnswer.Throttled(TimeSpan.FromSeconds(1)) : FakeAnswer.Throttled(),
                    < 0.20 => FakeAnswer.Unavailable,
                    _ => null,
                };
            }
        });

        // The first sender runs until about a third have arrived, then stops at once, mid-send.
        using var stop = new CancellationTokenSource();
        var first = host.NewSender(startQuiet: false).RunAsync(continuous: true, null, stop.Token);
        while (host.Connector.Accepted.Count() < Digests / 3)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var acceptedWhenStopped = host.Connector.Accepted.Count();

        // Its replacement starts quiet for one window, then finishes the queue, including what the first left hidden.
        var second = await host.NewSender(startQuiet: true).RunAsync(continuous: false, null, CancellationToken.None);

        var requests = host.Connector.Requests;
        var sends = requests.Where(r => r.DigestId is not null).ToList();
        var accepted = sends.Where(r => r.Accepted).GroupBy(r => r.DigestId!).ToDictionary(g => g.Key, g => g.Count());
        var records = await host.Ledger.ListRunAsync("run-fault");
        var flagged = records.Where(r => r.PossibleDuplicate).Select(r => r.Key.ToString()).ToHashSet();
        var twice = accepted.Where(a => a.Value > 1).Select(a => a.Key).ToList();

        _output.WriteLine($"requests {requests.Count}, 429 {requests.Count(r => r.Status == 429)}, 503 {requests.Count(r => r.Status == 503)}, accepted when stopped {acceptedWhenStopped}, arrived twice {twice.Count}, flagged {flagged.Count}, put back {second.PutBack}");
        _output.WriteLine($"max in any second: global {RateWindows.MaxInAnyWindow(requests.Select(r => r.At), TimeSpan.FromSeconds(1))}, one conversation {RateWindows.MaxPerConversation(requests, TimeSpan.FromSeconds(1))}");

        Assert.Equal(Digests, accepted.Count);
        Assert.All(people, p => Assert.True(accepted.ContainsKey($"run-fault/{p}"), $"digest for {p} never arrived"));
        Assert.All(twice, id => Assert.Contains(id, flagged));
        Assert.Equal(Digests, records.Count);
        Assert.All(records, r => Assert.Equal(SendState.Sent, r.State));
        Assert.Equal(0, second.Poisoned);
        // Opening a chat is idempotent (Teams answers with the existing one), so a stopped sender's replacement may open it again.
        Assert.Equal(Digests / 10, requests.Where(r => r.IsCreate && r.Accepted).Select(r => r.ConversationId).Distinct().Count());
        // Paced (exact windows are checked on the limiter's own clock in RequestRateLimiterTests; arrival times on a
        // loaded machine bunch): over a thousand requests at 200 per 1.05 s take more than four windows.
        var span = requests.Max(r => r.At) - requests.Min(r => r.At);
        Assert.True(span >= TimeSpan.FromSeconds(3.5), $"{requests.Count} requests arrived within {span.TotalSeconds:F2} s: the sender was not paced.");
    }

    [Fact]
    public async Task Drain_ThreeSendersSharingTheBudgetOneStoppedHardWithFaults_EveryDigestArrivesAndTogetherTheyKeepTheLimit()
    {
        // Limits scaled up (global) so the test takes seconds; the per-conversation limit is Teams' own.
        const int Global = 100;
        await using var host = await PipelineHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Reminders:GlobalRequestsPerSecond"] = PipelineHost.Text(Global),
                ["Reminders:MaxAttemptsPerDelivery"] = "8",
                ["Reminders:SendConcurrency"] = "32",
                ["Reminders:SharedRateBudget"] = "true",

                // A delivery here takes well under a second with its retries; the stopped sender's digests are sent again once this has passed.
                ["Reminders:SendingLease"] = "00:00:05",
            },
            s => s.AddSingleton<IDigestSource, OneItemDigests>());

        const int Digests = 600;
        var people = Enumerable.Range(1, Digests).Select(Person).ToList();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) => await host.SaveConversationAsync(p));
        await host.QueueDigestsAsync("run-scaled", people, AsOf);

        // One send in five is answered 429 or 503.
        var random = new Random(11);
        var gate = new Lock();
        host.Connector.FailWhen(_ =>
        {
            lock (gate)
            {
                return random.NextDouble() switch
                {
                    < 0.10 => FakeAnswer.Throttled(),
                    < 0.20 => FakeAnswer.Unavailable,
                    _ => null,
                };
            }
        });

        // Three senders side by side; the first is stopped at once, mid-send, when about a fifth have arrived.
        using var stop = new CancellationTokenSource();
        var killed = host.NewSender(startQuiet: false, shared: true).RunAsync(continuous: true, null, stop.Token);
        var others = new[] { host.NewSender(startQuiet: false, shared: true), host.NewSender(startQuiet: false, shared: true) }
            .Select(s => s.RunAsync(continuous: false, null, CancellationToken.None))
            .ToList();
        while (host.Connector.Accepted.Count() < Digests / 5)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed);
        var summaries = await Task.WhenAll(others);

        var requests = host.Connector.Requests;
        var sends = requests.Where(r => r.DigestId is not null).ToList();
        var accepted = sends.Where(r => r.Accepted).GroupBy(r => r.DigestId!).ToDictionary(g => g.Key, g => g.Count());
        var records = await host.Ledger.ListRunAsync("run-scaled");
        var flagged = records.Where(r => r.PossibleDuplicate).Select(r => r.Key.ToString()).ToHashSet();
        var twice = accepted.Where(a => a.Value > 1).Select(a => a.Key).ToList();
        var span = requests.Max(r => r.At) - requests.Min(r => r.At);
        _output.WriteLine($"requests {requests.Count} over {span.TotalSeconds:F2} s, arrived twice {twice.Count}, flagged {flagged.Count}, max in any second {RateWindows.MaxInAnyWindow(requests.Select(r => r.At), TimeSpan.FromSeconds(1))}");

        Assert.Equal(Digests, accepted.Count);
        Assert.All(twice, id => Assert.Contains(id, flagged));
        Assert.Equal(Digests, records.Count);
        Assert.All(records, r => Assert.Equal(SendState.Sent, r.State));
        Assert.All(summaries, s => Assert.Equal(0, s.Poisoned));

        // Together within the one limit: with a limiter each, three senders would take a third of the time. Arrival
        // times bunch on a loaded machine, so this is checked over the whole run; the claims themselves are checked
        // window by window on a moved clock in SharedRateLimiterTests.
        Assert.True(requests.Count <= Global * (span.TotalSeconds + 1), $"{requests.Count} requests in {span.TotalSeconds:F2} s: more than {Global} a second together.");
    }

    [Fact]
    public async Task Drain_AtTeamsRealLimits_SendsEachOnceAndPacesTheRequests()
    {
        await using var host = await PipelineHost.StartAsync(configure: s => s.AddSingleton<IDigestSource, OneItemDigests>());
        Assert.Equal(50, host.Options.GlobalRequestsPerSecond);
        Assert.Equal(7, host.Options.PerConversationRequestsPerSecond);

        // 100 people once each, and 5 people with 12 digests each (12 runs), which the per-conversation limit must space out.
        var many = Enumerable.Range(1, 100).Select(Person).ToList();
        var few = Enumerable.Range(2001, 5).Select(Person).ToList();
        foreach (var p in many.Concat(few))
        {
            await host.SaveConversationAsync(p);
        }

        foreach (var p in many)
        {
            await host.QueueDigestAsync("run-limits", p, AsOf);
        }

        for (var run = 0; run < 12; run++)
        {
            foreach (var p in few)
            {
                await host.QueueDigestAsync($"run-limits-{run}", p, AsOf);
            }
        }

        var summary = await host.NewSender(startQuiet: false).RunAsync(continuous: false, null, CancellationToken.None);

        var requests = host.Connector.Requests;
        var global = RateWindows.MaxInAnyWindow(requests.Select(r => r.At), TimeSpan.FromSeconds(1));
        var perConversation = RateWindows.MaxPerConversation(requests, TimeSpan.FromSeconds(1));
        _output.WriteLine($"{requests.Count} requests over {(requests.Max(r => r.At) - requests.Min(r => r.At)).TotalSeconds:F2} s; max in any second: global {global}, one conversation {perConversation}");
        _output.WriteLine($"deliveries {summary.Deliveries.Count}, sent {summary.Count(SendState.Sent)}, put back {summary.PutBack}, poisoned {summary.Poisoned}; first at {requests.Min(r => r.At)}");
        Assert.Equal(160, summary.Count(SendState.Sent));
        Assert.Equal(160, requests.Where(r => r.Accepted).Select(r => r.DigestId).Distinct().Count());

        // Arrival times on a loopback socket move with the machine's load (a starved test host hands over requests the
        // limiter granted apart in a bunch), so the exact windows are checked on the limiter's own clock in
        // RequestRateLimiterTests. Here: the sender was paced. 160 requests at 50 per 1.05 s cannot all arrive within
        // three windows; unpaced, they arrive in a fraction of a second.
        var span = requests.Max(r => r.At) - requests.Min(r => r.At);
        Assert.True(span >= TimeSpan.FromSeconds(2.5), $"160 requests arrived within {span.TotalSeconds:F2} s: the sender was not paced.");
    }
}
