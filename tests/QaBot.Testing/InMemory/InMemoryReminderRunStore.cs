using System.Globalization;
using QaBot.Application.Reminders;
using QaBot.Application.Storage;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="IReminderRunStore"/> in memory, with the table store's semantics: a versioned scheduler state and the runs, newest first by the instant in their id.</summary>
public sealed class InMemoryReminderRunStore : IReminderRunStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ReminderRun> _runs = new(StringComparer.Ordinal);
    private readonly InMemoryVersions _versions = new();
    private (SchedulerState State, string Version)? _state;

    /// <summary>Every run saved, in no particular order.</summary>
    public IReadOnlyList<ReminderRun> Runs
    {
        get
        {
            lock (_gate)
            {
                return [.. _runs.Values];
            }
        }
    }

    public Task<(SchedulerState State, string? Version)> GetStateAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<(SchedulerState, string?)>(_state is { } s ? (s.State, s.Version) : (SchedulerState.Initial, null));
        }
    }

    public Task<WriteResult> SaveStateAsync(SchedulerState state, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            if (_state?.Version != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _state = (state, version);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    public Task<ReminderRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        lock (_gate)
        {
            return Task.FromResult(_runs.TryGetValue(runId, out var run) ? run : null);
        }
    }

    public Task SaveRunAsync(ReminderRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            _runs[run.RunId] = run;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderRun>> ListRecentRunsAsync(int count, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ReminderRun> recent = _runs.Values
                .OrderBy(r => SortKey(r.RunId), StringComparer.Ordinal)
                .Take(count)
                .ToList();
            return Task.FromResult(recent);
        }
    }

    /// <summary>As the table store's row key: the instant in the id inverted (so the newest sort first), then the id; an id with no instant sorts first.</summary>
    private static string SortKey(string runId)
    {
        var ticks = runId.Length == 20 && DateTimeOffset.TryParseExact(runId[4..], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks
            : 0;
        return ticks.ToString("D19", CultureInfo.InvariantCulture) + "|" + runId;
    }
}
