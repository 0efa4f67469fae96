using System.Globalization;
using QaBot.Application.Governance;
using QaBot.Core.Tracking;

namespace QaBot.Application.Storage;

/// <summary>
/// <c>qabot storage migrate</c>: runs, in order, every step newer than the storage version recorded, recording the new
/// version after each step, so a stop part-way resumes at the step it stopped in. Every run that writes is recorded in
/// the governance log (who, when, from and to which version, how many rows changed).
/// </summary>
public sealed class StorageMigrations
{
    private readonly List<IStorageMigration> _steps;
    private readonly IStorageVersionStore _version;
    private readonly IGovernanceLog _log;
    private readonly TimeProvider _time;

    public StorageMigrations(IEnumerable<IStorageMigration> steps, IStorageVersionStore version, IGovernanceLog log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = steps.OrderBy(s => s.Version).ToList();
        for (var i = 0; i < _steps.Count; i++)
        {
            if (_steps[i].Version != i + 1)
            {
                throw new ArgumentException(
                    $"Storage migrations must be numbered 1 to {_steps.Count} without gaps; found {string.Join(", ", _steps.Select(s => s.Version))}.",
                    nameof(steps));
            }
        }

        _version = version;
        _log = log;
        _time = time;
    }

    /// <summary>The storage version this release of QaBot writes.</summary>
    public int Latest => _steps.Count;

    public IReadOnlyList<IStorageMigration> Steps => _steps;

    public Task<int> GetVersionAsync(CancellationToken cancellationToken = default) => _version.GetAsync(cancellationToken);

    public async Task<MigrationOutcome> MigrateAsync(bool dryRun, Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var from = await _version.GetAsync(cancellationToken).ConfigureAwait(false);
        if (from > Latest)
        {
            throw new StorageVersionException(
                $"The tables were brought up to storage version {from} by a newer release of QaBot; this release knows versions up to {Latest}. " +
                "Deploy the newer release again, or restore the snapshot taken before the upgrade (docs/operations.md).");
        }

        var done = new List<MigrationStep>();
        foreach (var step in _steps.Where(s => s.Version > from))
        {
            done.Add(await step.ApplyAsync(dryRun, cancellationToken).ConfigureAwait(false));
            if (!dryRun)
            {
                await _version.SetAsync(step.Version, cancellationToken).ConfigureAwait(false);
            }
        }

        var outcome = new MigrationOutcome(from, dryRun ? from : Latest, dryRun, done);
        if (!dryRun && done.Count > 0)
        {
            var asked = string.Create(CultureInfo.InvariantCulture, $"storage version {from} to {Latest}");
            await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, GovernanceLook.StorageMigrate, asked, outcome.Changed, origin), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// After a restore: every step again, whatever version is recorded. A snapshot taken before an upgrade brings rows
    /// back in an older layout, and restoring one table leaves the version recorded as it was; each step finds what is
    /// left to change and changes only that, so rows already up to date cost a read. The version is left as it is, and
    /// a run that changed anything is recorded in the governance log.
    /// </summary>
    public async Task<IReadOnlyList<MigrationStep>> ReapplyAsync(Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var done = new List<MigrationStep>();
        foreach (var step in _steps)
        {
            done.Add(await step.ApplyAsync(dryRun: false, cancellationToken).ConfigureAwait(false));
        }

        var changed = done.Sum(s => s.Changed);
        if (changed > 0)
        {
            await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, GovernanceLook.StorageMigrate, "restored rows brought up to date", changed, origin), cancellationToken).ConfigureAwait(false);
        }

        return done;
    }
}

/// <summary>What a migration run did: the version before and after, and each step run.</summary>
public sealed record MigrationOutcome(int From, int To, bool DryRun, IReadOnlyList<MigrationStep> Steps)
{
    public long Changed => Steps.Sum(s => s.Changed);
}

/// <summary>The tables are at a storage version this release cannot work with; nothing was written.</summary>
public sealed class StorageVersionException : Exception
{
    public StorageVersionException()
    {
    }

    public StorageVersionException(string message)
        : base(message)
    {
    }

    public StorageVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
