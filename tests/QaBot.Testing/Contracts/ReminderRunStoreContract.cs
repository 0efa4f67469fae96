using QaBot.Application.Reminders;
using QaBot.Application.Storage;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IReminderRunStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class ReminderRunStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    protected abstract IReminderRunStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static ReminderRun Run(DateTimeOffset to) =>
        new(ReminderRunner.RunIdFor(to), to.AddMinutes(-15), to, RunState.Planning, to, null, to.AddMinutes(10), 0, 0, false, null);

    [Fact]
    public async Task GetStateAsync_BeforeTheFirstRun_IsTheInitialStateWithNoVersion()
    {
        var (state, version) = await Store.GetStateAsync();

        Assert.Equal(SchedulerState.Initial, state);
        Assert.Null(version);
    }

    [Fact]
    public async Task SaveStateAsync_CreateThenUpdate_EachConditionalOnWhatWasRead()
    {
        var first = new SchedulerState(null, null, null, null, "run-20261120T090000Z");
        var created = await Store.SaveStateAsync(first, null);
        Assert.True(created.Saved);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveStateAsync(first, null)).Status);

        var done = new SchedulerState(At, "run-20261120T090000Z", At.AddMinutes(1), new DateOnly(2026, 11, 20), null);
        var updated = await Store.SaveStateAsync(done, created.Version);
        Assert.True(updated.Saved);
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveStateAsync(first, created.Version)).Status);

        var (state, version) = await Store.GetStateAsync();
        Assert.Equal(done, state);
        Assert.Equal(updated.Version, version);
    }

    [Fact]
    public async Task SaveStateAsync_UpdateBeforeAnyStateExists_IsAConflict()
    {
        Assert.Equal(WriteStatus.Conflict, (await Store.SaveStateAsync(SchedulerState.Initial, "W/\"datetime'2026-11-20T09%3A00%3A00.0000000Z'\"")).Status);

        Assert.Null((await Store.GetStateAsync()).Version);
    }

    [Fact]
    public async Task SaveRunAsync_SameRunTwice_ReplacesIt()
    {
        var run = Run(At);
        await Store.SaveRunAsync(run);

        var finished = run with { State = RunState.Queued, FinishedAt = At.AddSeconds(30), Digests = 12, ItemsCreated = 3, CatchUpTruncated = true, Problem = "none" };
        await Store.SaveRunAsync(finished);

        Assert.Equal(finished, await Store.GetRunAsync(run.RunId));
        Assert.Null(await Store.GetRunAsync("run-20261120T091500Z"));
    }

    [Fact]
    public async Task ListRecentRunsAsync_ManyRuns_ReturnsTheNewestFirstUpToTheCount()
    {
        foreach (var minutes in new[] { 15, 0, 45, 30 })
        {
            await Store.SaveRunAsync(Run(At.AddMinutes(minutes)));
        }

        var recent = await Store.ListRecentRunsAsync(3);

        Assert.Equal([At.AddMinutes(45), At.AddMinutes(30), At.AddMinutes(15)], recent.Select(r => r.To));
    }
}
