using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Core.Framework;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;

namespace QaBot.Functions.Tests;

/// <summary>The whole pass (run, queue, send) as <c>qabot tick</c> runs it, against Azurite and the fake connector.</summary>
[Trait("Category", "Storage")]
public sealed class RunTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => PipelineHost.Utc(2026, month, day, hour, minute);

    private static async Task<PipelineHost> StartAsync(bool sampleFramework, RoleId? teamManagerRole = null)
    {
        var host = await PipelineHost.StartAsync(RunPeople.Settings(), sampleFramework: sampleFramework, configure: s => s.Replace(ServiceDescriptor.Singleton(RunPeople.Policy)));
        await host.AddPeopleAsync(TestDirectory.Areas, RunPeople.People(teamManagerRole));
        foreach (var person in RunPeople.People())
        {
            await host.SaveConversationAsync(person.Id);
        }

        return host;
    }

    [Theory]
    [InlineData(11, 23, "run-20261123T090000Z")] // GMT: 09:00 in London is 09:00 UTC
    [InlineData(6, 23, "run-20260623T080000Z")] // BST: 09:00 in London is 08:00 UTC
    public async Task TickAsync_EveryQuarterHourOfAMorning_RemindersGoOutInTheRunThatCoversNineLondonTime(int month, int day, string expectedRun)
    {
        await using var host = await StartAsync(sampleFramework: true, teamManagerRole: SampleFramework.TeamManager);

        for (var at = Utc(month, day, 6); at <= Utc(month, day, 11); at = at.AddMinutes(15))
        {
            await host.TickAsync(at);
        }

        // The team manager's supervisions of their two reports fall due on the last working day of the month; the
        // first reminder goes five working days before, at 09:00 London time.
        var sends = host.Connector.Accepted.Where(r => r.DigestId is not null).ToList();
        var managerDigest = Assert.Single(sends, r => r.DigestId!.EndsWith(RunPeople.Manager.Value, StringComparison.Ordinal));
        Assert.Equal($"{expectedRun}/{RunPeople.Manager}", managerDigest.DigestId);
        Assert.All(sends, r => Assert.StartsWith(expectedRun + "/", r.DigestId, StringComparison.Ordinal));
        var entry = await host.Ledger.GetAsync(new DigestKey(expectedRun, RunPeople.Manager));
        Assert.Contains(entry!.Value.Items, i => i.Value.StartsWith(SampleFramework.Supervision.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TickAsync_AfterDaysOfDowntime_SendsEverythingMissedOnceInOneDigestEach()
    {
        await using var host = await StartAsync(sampleFramework: false);
        var friday = new DateOnly(2026, 11, 20);
        await host.AddItemsAsync(
            RunPeople.Item("x-monday-reminder", RunPeople.Worker3, new DateOnly(2026, 11, 30), Utc(11, 23, 9)),
            RunPeople.Item("y-tuesday-reminder", RunPeople.Worker4, new DateOnly(2026, 12, 1), Utc(11, 24, 9)),
            RunPeople.Item("z-wednesday-reminder", RunPeople.Worker4, new DateOnly(2026, 12, 2), Utc(11, 25, 9)),
            RunPeople.Item("w-overdue-1", RunPeople.Worker3, friday, Utc(11, 13, 9)),
            RunPeople.Item("w-overdue-2", RunPeople.Worker4, friday, Utc(11, 13, 9)),
            RunPeople.Item("w-overdue-3", RunPeople.Worker4, friday, Utc(11, 13, 9)));

        var first = await host.TickAsync(Utc(11, 22, 12));
        Assert.Equal(0, first.Run.Digests);

        // Down from Sunday midday until Thursday 10:00: Monday to Thursday are caught up in one run.
        var (run, sent) = await host.TickAsync(Utc(11, 26, 10));

        var completed = Assert.Single(run.Runs);
        Assert.Equal(Utc(11, 22, 12), completed.From);
        Assert.Equal(3, sent.Count(SendState.Sent));
        var digests = host.Connector.Accepted.Select(r => r.DigestId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { RunPeople.Manager, RunPeople.Worker3, RunPeople.Worker4 }.Select(p => $"run-20261126T100000Z/{p}").Order(StringComparer.Ordinal), digests);

        // The manager's one message carries the three overdue items of the team, escalated on Thursday.
        var manager = (await host.Ledger.GetAsync(new DigestKey("run-20261126T100000Z", RunPeople.Manager)))!.Value;
        Assert.Equal(["w-overdue-1", "w-overdue-2", "w-overdue-3"], manager.Items.Select(i => i.Value).Order(StringComparer.Ordinal));
        var worker3 = (await host.Ledger.GetAsync(new DigestKey("run-20261126T100000Z", RunPeople.Worker3)))!.Value;
        Assert.Equal(["w-overdue-1", "x-monday-reminder"], worker3.Items.Select(i => i.Value).Order(StringComparer.Ordinal));

        // Nothing is sent twice: the same moment again, and the next quarter hour, find nothing new.
        var again = await host.TickAsync(Utc(11, 26, 10));
        var next = await host.TickAsync(Utc(11, 26, 10, 15));
        Assert.Equal(RunOutcomeKind.NothingNew, again.Run.Kind);
        Assert.Equal(0, next.Run.Digests);
        Assert.Equal(3, host.Connector.Accepted.Count());
    }

    [Fact]
    public async Task RunAsync_RunThatDiedPartWay_IsFinishedByTheNextWithoutQueuingAnyoneTwice()
    {
        await using var host = await StartAsync(sampleFramework: false);
        await host.AddItemsAsync(
            RunPeople.Item("a", RunPeople.Worker3, new DateOnly(2026, 11, 30), Utc(11, 23, 9)),
            RunPeople.Item("b", RunPeople.Worker4, new DateOnly(2026, 11, 30), Utc(11, 23, 9)));
        var runs = host.Get<IReminderRunStore>();
        await host.Get<ReminderRunner>().RunAsync(Utc(11, 23, 8), CancellationToken.None);

        // A run for 09:15 claimed the state, queued one person, and died (its lease has run out).
        var (state, version) = await runs.GetStateAsync();
        var died = new ReminderRun("run-20261123T091500Z", Utc(11, 23, 8), Utc(11, 23, 9, 15), RunState.Planning, Utc(11, 23, 9, 15), null, Utc(11, 23, 9, 16), 0, 0, false, null);
        Assert.True((await runs.SaveStateAsync(state with { CurrentRunId = died.RunId }, version)).Saved);
        await runs.SaveRunAsync(died);
        await host.QueueDigestAsync(died.RunId, RunPeople.Worker3, new DateOnly(2026, 11, 23));

        var outcome = await host.Get<ReminderRunner>().RunAsync(Utc(11, 23, 9, 15), CancellationToken.None);
        var sent = await host.NewSender(startQuiet: false).RunAsync(continuous: false, null, CancellationToken.None);

        var resumed = Assert.Single(outcome.Runs);
        Assert.Equal(died.RunId, resumed.RunId);
        Assert.Equal(2, sent.Count(SendState.Sent));
        Assert.Equal(2, host.Connector.Accepted.Count());
        Assert.Equal(Utc(11, 23, 9, 15), (await runs.GetStateAsync()).State.CoveredUpTo);
    }
}
