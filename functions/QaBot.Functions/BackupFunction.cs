using Microsoft.Azure.Functions.Worker;
using QaBot.Application.Governance;
using QaBot.Core.Tracking;

namespace QaBot.Functions;

/// <summary>
/// The nightly backup on <c>Backup:Schedule</c> (NCRONTAB in UTC, 01:30 by default): every table copied to a new
/// snapshot in the backups container, the manifest written last, the copy recorded in the governance log. A run that
/// stops part-way leaves a snapshot without a manifest, which is never listed as complete; the next run starts afresh.
/// </summary>
public sealed class BackupFunction
{
    private readonly Backups _backups;

    public BackupFunction(Backups backups)
    {
        _backups = backups;
    }

    [Function("Backup")]
    public Task<SnapshotManifest> RunAsync([TimerTrigger("%Backup:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _backups.CreateAsync(Actor.System("backup"), new AuditOrigin("scheduler", "backup"), cancellationToken);
}
