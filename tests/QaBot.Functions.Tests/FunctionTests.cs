using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;

namespace QaBot.Functions.Tests;

/// <summary>The three functions called directly, as the Functions host would call them, on the pipeline that AddQaBot registers.</summary>
public sealed class FunctionTests
{
    private static readonly DateTimeOffset NineLondon = PipelineHost.Utc(2026, 11, 23, 9);

    private static async Task<(PipelineHost Host, FakeTimeProvider Time)> StartAsync()
    {
        var time = new FakeTimeProvider(NineLondon);
        // The functions get the timer's clock; the pipeline behind them keeps the real one (its limiter waits in real time).
        var host = await PipelineHost.StartAsync(RunPeople.Settings(), configure: s => s.Replace(ServiceDescriptor.Singleton(RunPeople.Policy)));
        await host.AddPeopleAsync(QaBot.Testing.Organisation.TestDirectory.Areas, RunPeople.People());
        foreach (var person in RunPeople.People())
        {
            await host.SaveConversationAsync(person.Id);
        }

        return (host, time);
    }

    [Fact]
    [Trait("Category", "Storage")]
    public async Task ReminderRun_TimerFiresAtNineLondonTime_QueuesOneDigestForThePersonWithAReminder()
    {
        var (host, time) = await StartAsync();
        await using var _ = host;
        await host.AddItemsAsync(
            RunPeople.Item("a", RunPeople.Worker3, new DateOnly(2026, 11, 30), NineLondon),
            RunPeople.Item("b", RunPeople.Worker3, new DateOnly(2026, 12, 1), NineLondon));
        var function = new ReminderRunFunction(host.Get<ReminderRunner>(), time);

        var outcome = await function.RunAsync(new TimerInfo(), CancellationToken.None);

        var run = Assert.Single(outcome.Runs);
        Assert.Equal("run-20261123T090000Z", run.RunId);
        Assert.Equal(1, run.Digests);
        Assert.Equal(1, (await host.Queue.GetBacklogAsync()).Waiting);
        Assert.Equal(SendState.Pending, (await host.Ledger.GetAsync(new DigestKey(run.RunId, RunPeople.Worker3)))!.Value.State);
    }

    [Fact]
    [Trait("Category", "Storage")]
    public async Task ReminderSend_SameQueueMessageTwice_SendsOnceAndRecordsTheActivityId()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        await host.AddItemsAsync(RunPeople.Item("a", RunPeople.Worker4, new DateOnly(2026, 11, 30), NineLondon));
        await host.QueueDigestAsync("run-20261123T090000Z", RunPeople.Worker4, new DateOnly(2026, 11, 23));
        var body = DigestBundle.Of(new DigestMessage("run-20261123T090000Z", RunPeople.Worker4, new DateOnly(2026, 11, 23))).ToJson();
        var function = new ReminderSendFunction(host.Get<DigestDelivery>());

        var first = await function.RunAsync(QueuesModelFactory.QueueMessage("m1", "r1", BinaryData.FromString(body), 1), CancellationToken.None);
        var redelivered = await function.RunAsync(QueuesModelFactory.QueueMessage("m1", "r2", BinaryData.FromString(body), 2), CancellationToken.None);

        Assert.Equal(SendState.Sent, Assert.Single(first).State);
        Assert.True(Assert.Single(redelivered).AlreadyFinal);
        var send = Assert.Single(host.Connector.Accepted);
        Assert.Equal($"run-20261123T090000Z/{RunPeople.Worker4}", send.DigestId);
        Assert.False(string.IsNullOrEmpty((await host.Ledger.GetAsync(new DigestKey("run-20261123T090000Z", RunPeople.Worker4)))!.Value.ActivityId));
    }

    [Fact]
    [Trait("Category", "Storage")]
    public async Task ReminderSend_MessageOfTwoDigestsOneBeingSentElsewhere_SendsTheOtherThenAsksForTheMessageAgain()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        await host.AddItemsAsync(RunPeople.Item("a", RunPeople.Worker3, new DateOnly(2026, 11, 30), NineLondon), RunPeople.Item("b", RunPeople.Worker4, new DateOnly(2026, 11, 30), NineLondon));
        await host.QueueDigestAsync("run-20261123T090000Z", RunPeople.Worker3, new DateOnly(2026, 11, 23));
        var now = TimeProvider.System.GetUtcNow();
        await host.Ledger.CreateAsync(new SendRecord(new DigestKey("run-20261123T090000Z", RunPeople.Worker4), SendState.Sending, 1, null, null, null, [], false, now, now));
        var body = new DigestBundle("run-20261123T090000Z", new DateOnly(2026, 11, 23), [RunPeople.Worker3, RunPeople.Worker4]).ToJson();
        var function = new ReminderSendFunction(host.Get<DigestDelivery>());

        await Assert.ThrowsAsync<DigestRetryLaterException>(() => function.RunAsync(QueuesModelFactory.QueueMessage("m1", "r1", BinaryData.FromString(body), 1), CancellationToken.None));

        var send = Assert.Single(host.Connector.Accepted);
        Assert.Equal($"run-20261123T090000Z/{RunPeople.Worker3}", send.DigestId);
        Assert.Equal(SendState.Sent, (await host.Ledger.GetAsync(new DigestKey("run-20261123T090000Z", RunPeople.Worker3)))!.Value.State);
        Assert.Equal(SendState.Sending, (await host.Ledger.GetAsync(new DigestKey("run-20261123T090000Z", RunPeople.Worker4)))!.Value.State);
    }

    [Fact]
    [Trait("Category", "Storage")]
    public async Task RemindersStatus_StaleConversation_ShownToOperatorsAsJson()
    {
        var (host, time) = await StartAsync();
        await using var _ = host;
        await host.Get<IConversationReferenceStore>().MarkStaleAsync(RunPeople.Worker3, "Teams answered 403.", time.GetUtcNow());
        var function = new RemindersStatusFunction(host.Get<OperatorStatusQuery>(), host.Get<IOptions<QaBot.Application.Configuration.RemindersOptions>>(), time);

        var result = Assert.IsType<ContentResult>(await function.RunAsync(new DefaultHttpContext().Request, CancellationToken.None));

        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Content!);
        var health = json.RootElement.GetProperty("health").GetString();
        Assert.Equal(health == "failing" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, result.StatusCode);
        var stale = Assert.Single(json.RootElement.GetProperty("staleConversations").EnumerateArray());
        Assert.Equal(PersonReference.For(RunPeople.Worker3.Value), stale.GetProperty("reference").GetString());
        Assert.DoesNotContain(RunPeople.Worker3.Value, result.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, json.RootElement.GetProperty("poisonQueueDepth").GetInt32());
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void RemindersStatus_HttpTrigger_NeedsAFunctionKeyAndOnlyAnswersGet()
    {
        var method = typeof(RemindersStatusFunction).GetMethod(nameof(RemindersStatusFunction.RunAsync))!;
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;

        Assert.Equal(AuthorizationLevel.Function, trigger.AuthLevel);
        Assert.Equal(["get"], trigger.Methods!);
    }
}
