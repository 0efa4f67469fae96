using System.Globalization;
using QaBot.Core.Tracking;

namespace QaBot.Application.Governance;

/// <summary>
/// <c>qabot backup create|list|restore</c> and the nightly backup: each copy taken and each restore is recorded in the
/// governance log (who, when, which snapshot and tables, how many rows).
/// </summary>
public sealed class Backups
{
    private readonly ISnapshotStore _store;
    private readonly IGovernanceLog _log;
    private readonly TimeProvider _time;

    public Backups(ISnapshotStore store, IGovernanceLog log, TimeProvider time)
    {
        _store = store;
        _log = log;
        _time = time;
    }

    /// <summary>Takes a snapshot named by the UTC time it starts (<c>20261204-013000</c>); a new run always makes a new one.</summary>
    public async Task<SnapshotManifest> CreateAsync(Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var started = _time.GetUtcNow();
        var id = started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var manifest = await _store.CreateAsync(id, started, cancellationToken).ConfigureAwait(false);
        await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, GovernanceLook.BackupCreate, "snapshot:" + id, manifest.Rows, origin), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    public Task<IReadOnlyList<SnapshotSummary>> ListAsync(CancellationToken cancellationToken = default) => _store.ListAsync(cancellationToken);

    public async Task<RestoreOutcome> RestoreAsync(string snapshot, string? table, Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        var outcome = await _store.RestoreAsync(snapshot.Trim(), string.IsNullOrWhiteSpace(table) ? null : table.Trim(), cancellationToken).ConfigureAwait(false);
        if (outcome.Problem is null)
        {
            var asked = "snapshot:" + snapshot.Trim() + (table is null ? string.Empty : " table:" + table.Trim());
            await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, GovernanceLook.BackupRestore, asked, outcome.Rows, origin), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
