using QaBot.Application.Reports;
using QaBot.Core.Compliance;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IReportLedger"/> must do; a derived class supplies a fresh, empty ledger for each test.</summary>
public abstract class ReportLedgerContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReportMonth November = new(2026, 11);

    protected abstract IReportLedger Ledger { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static ReportDelivery Delivery(string channel = "smt", ReportDeliveryState state = ReportDeliveryState.Sending, ReportMonth? month = null) =>
        new(channel, month ?? November, state, 1, null, null, null, At);

    [Fact]
    public async Task CreateAsync_ThenGet_ReturnsTheEntry()
    {
        var created = await Ledger.CreateAsync(Delivery());

        var stored = await Ledger.GetAsync("smt", November);

        Assert.True(created.Saved);
        Assert.Equal(Delivery(), stored!.Value);
        Assert.Equal(created.Version, stored.Version);
        Assert.Null(await Ledger.GetAsync("smt", November.Next()));
        Assert.Null(await Ledger.GetAsync("qa-team", November));
    }

    [Fact]
    public async Task CreateAsync_Twice_IsAConflict()
    {
        await Ledger.CreateAsync(Delivery());

        var second = await Ledger.CreateAsync(Delivery(state: ReportDeliveryState.Sent));

        Assert.False(second.Saved);
        Assert.Equal(ReportDeliveryState.Sending, (await Ledger.GetAsync("smt", November))!.Value.State);
    }

    [Fact]
    public async Task SaveAsync_AtTheVersionRead_SavesAndAnOldVersionConflicts()
    {
        var created = await Ledger.CreateAsync(Delivery());
        var sent = Delivery(state: ReportDeliveryState.Sent) with { ActivityId = "1:abc", LastStatusCode = 201, Attempts = 1 };

        var saved = await Ledger.SaveAsync(sent, created.Version!);
        var stale = await Ledger.SaveAsync(Delivery(state: ReportDeliveryState.Failed), created.Version!);

        Assert.True(saved.Saved);
        Assert.False(stale.Saved);
        Assert.Equal(sent, (await Ledger.GetAsync("smt", November))!.Value);
    }

    [Fact]
    public async Task ListMonthAsync_ReturnsTheMonthsEntriesOnly()
    {
        await Ledger.CreateAsync(Delivery("smt"));
        await Ledger.CreateAsync(Delivery("qa-team", ReportDeliveryState.NotReachable));
        await Ledger.CreateAsync(Delivery("smt", month: November.Next()));

        var month = await Ledger.ListMonthAsync(November);

        Assert.Equal(["qa-team", "smt"], month.Select(d => d.Channel));
        Assert.Equal(ReportDeliveryState.NotReachable, month[0].State);
    }
}
