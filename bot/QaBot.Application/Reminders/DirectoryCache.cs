using QaBot.Application.Organisation;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;

namespace QaBot.Application.Reminders;

/// <summary>
/// The directory as an <see cref="OrganisationChart"/> for background work, read at most once per
/// <see cref="MaxAge"/> so that thousands of digests do not each read the whole directory. Escalation lines are
/// worked out once per chart and date.
/// </summary>
public sealed class DirectoryCache : IDisposable
{
    private readonly IDirectoryStore _directory;
    private readonly OrganisationPolicy _policy;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Loaded? _loaded;

    public DirectoryCache(IDirectoryStore directory, OrganisationPolicy policy, TimeProvider time, TimeSpan? maxAge = null)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        MaxAge = maxAge ?? TimeSpan.FromMinutes(1);
    }

    public TimeSpan MaxAge { get; }

    public async Task<OrganisationChart> GetChartAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken).ConfigureAwait(false)).Chart;

    /// <summary>For each person, whose overdue items reach them at each escalation level on the date.</summary>
    public async Task<EscalationLines> GetEscalationLinesAsync(DateOnly on, CancellationToken cancellationToken)
    {
        var loaded = await GetAsync(cancellationToken).ConfigureAwait(false);
        lock (loaded.Lines)
        {
            if (!loaded.Lines.TryGetValue(on, out var lines))
            {
                lines = EscalationLines.Build(loaded.Chart, on);
                loaded.Lines[on] = lines;
            }

            return lines;
        }
    }

    private async Task<Loaded> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _loaded);
        if (current is not null && _time.GetUtcNow() - current.At < MaxAge)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _loaded;
            if (current is not null && _time.GetUtcNow() - current.At < MaxAge)
            {
                return current;
            }

            var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
            current = new Loaded(snapshot.ToChart(_policy), _time.GetUtcNow());
            Volatile.Write(ref _loaded, current);
            return current;
        }
        finally
        {
            _loading.Release();
        }
    }

    private sealed record Loaded(OrganisationChart Chart, DateTimeOffset At)
    {
        public Dictionary<DateOnly, EscalationLines> Lines { get; } = [];
    }

    public void Dispose() => _loading.Dispose();
}
