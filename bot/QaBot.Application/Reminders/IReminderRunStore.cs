using QaBot.Application.Storage;

namespace QaBot.Application.Reminders;

/// <summary>The reminder run's own records: where it has got to, and each run with its outcome.</summary>
public interface IReminderRunStore
{
    /// <summary>The scheduler's state with its version; <see cref="SchedulerState.Initial"/> (version null) before the first run.</summary>
    Task<(SchedulerState State, string? Version)> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves the state only if it is still at <paramref name="expectedVersion"/> (null: only if none exists yet).</summary>
    Task<WriteResult> SaveStateAsync(SchedulerState state, string? expectedVersion, CancellationToken cancellationToken = default);

    Task<ReminderRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a run's record.</summary>
    Task SaveRunAsync(ReminderRun run, CancellationToken cancellationToken = default);

    /// <summary>The latest runs, newest first.</summary>
    Task<IReadOnlyList<ReminderRun>> ListRecentRunsAsync(int count, CancellationToken cancellationToken = default);
}
