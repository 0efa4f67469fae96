using QaBot.Application.Governance;
using QaBot.Core.Tracking;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every governance log must do: keep each look as recorded, and list a period oldest first.</summary>
public abstract class GovernanceLogContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract IGovernanceLog Log { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static GovernanceLook Look(int day, string action = GovernanceLook.AuditQuery, long count = 3) =>
        new(Start.AddDays(day), Actor.Operator("ig.officer@council.example"), action, $"person:p{day} from 2026-06-01", count, new AuditOrigin("cli", "audit"));

    [Fact]
    public async Task RecordAsync_ThenList_GivesTheLookBackExactly()
    {
        var look = Look(0, GovernanceLook.BackupCreate, 5_000_000_000);

        await Log.RecordAsync(look);

        Assert.Equal(look, Assert.Single(await Log.ListAsync(AuditPeriod.All)));
    }

    [Fact]
    public async Task ListAsync_Period_ReturnsTheLooksFromItsStartUpToItsEndOldestFirst()
    {
        foreach (var day in new[] { 3, 0, 2, 1, 4 })
        {
            await Log.RecordAsync(Look(day));
        }

        var looks = await Log.ListAsync(new AuditPeriod(Start.AddDays(1), Start.AddDays(4)));

        Assert.Equal([Start.AddDays(1), Start.AddDays(2), Start.AddDays(3)], looks.Select(l => l.At));
    }

    [Fact]
    public async Task RecordAsync_TwoLooksAtTheSameMoment_KeepsBoth()
    {
        await Log.RecordAsync(Look(0));
        await Log.RecordAsync(Look(0) with { Asked = "item:x" });

        Assert.Equal(2, (await Log.ListAsync(AuditPeriod.All)).Count);
    }
}
