using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tracking;

namespace QaBot.Application.Organisation.Import;

/// <summary>
/// Applies a checked <see cref="DirectoryImportPlan"/>: areas first, then leavers (their outstanding items go to their
/// manager, flagged, and the items about them, such as their supervision, close as "left"), then new and changed people (their items follow them when their home area changes), then
/// retired areas. Every write is conditional on the version the plan was made from, so a change made by someone else
/// meanwhile is reported, never overwritten; running the same import again finishes whatever was left.
/// </summary>
public sealed class DirectoryImporter
{
    private readonly IDirectoryStore _directory;
    private readonly ITrackingStore _tracking;
    private readonly TimeProvider _time;

    public DirectoryImporter(IDirectoryStore directory, ITrackingStore tracking, TimeProvider time)
    {
        _directory = directory;
        _tracking = tracking;
        _time = time;
    }

    public async Task<DirectoryImportResult> ApplyAsync(DirectoryImportPlan plan, Actor actor, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("An import with problems must not be applied.");
        }

        var result = new DirectoryImportResult();
        var now = _time.GetUtcNow();

        foreach (var change in plan.AreaChanges.Where(c => c.Kind != ChangeKind.Retired))
        {
            await SaveAreaAsync(change, now, actor, origin, result, cancellationToken).ConfigureAwait(false);
        }

        foreach (var change in plan.PersonChanges.Where(c => c.Kind == ChangeKind.Deactivated))
        {
            // A leaver's programme of visits is theirs alone, and the meetings they chaired pass to whoever chairs next:
            // those items close rather than pass to whoever takes their other items.
            result.ItemsClosedAsLeft += await CloseProgrammeItemsAsync(change.Before!, now, actor, origin, cancellationToken).ConfigureAwait(false);
            if (change.ItemsGoTo is { } target)
            {
                result.ItemsReassigned += await _tracking.TransferAsync(
                    new ItemTransfer(TransferKind.ReassignOutstanding, change.Before!.Id, change.Before.HomeArea, target, now, actor, origin),
                    cancellationToken).ConfigureAwait(false);
            }

            await SavePersonAsync(change, now, actor, origin, result, cancellationToken).ConfigureAwait(false);
        }

        result.ItemsClosedAsLeft += await CloseItemsAboutLeaversAsync(plan, now, actor, origin, cancellationToken).ConfigureAwait(false);

        foreach (var change in plan.PersonChanges.Where(c => c.Kind != ChangeKind.Deactivated))
        {
            if (change.HomeAreaChanged)
            {
                result.ItemsMoved += await _tracking.TransferAsync(
                    new ItemTransfer(TransferKind.MoveWithOwner, change.Before!.Id, change.Before.HomeArea, change.After, now, actor, origin),
                    cancellationToken).ConfigureAwait(false);
            }

            await SavePersonAsync(change, now, actor, origin, result, cancellationToken).ConfigureAwait(false);
        }

        foreach (var change in plan.AreaChanges.Where(c => c.Kind == ChangeKind.Retired))
        {
            await SaveAreaAsync(change, now, actor, origin, result, cancellationToken).ConfigureAwait(false);
        }

        result.Unchanged = plan.UnchangedPeople;
        return result;
    }

    /// <summary>
    /// Closes as "left" the outstanding items about each leaver (their supervision, their My Plan/PDR): they are with
    /// the leaver's line manager, or, when the manager left too, with whoever the manager's items went to.
    /// </summary>
    private async Task<int> CloseItemsAboutLeaversAsync(DirectoryImportPlan plan, DateTimeOffset now, Actor actor, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var leaving = plan.PersonChanges.Where(c => c.Kind == ChangeKind.Deactivated).ToDictionary(c => c.Before!.Id);
        var closed = 0;
        foreach (var change in leaving.Values)
        {
            if (change.Before!.LineManager is not { } managerId)
            {
                continue;
            }

            var holder = leaving.TryGetValue(managerId, out var managerLeaving)
                ? managerLeaving.ItemsGoTo
                : await _directory.GetPersonAsync(managerId, cancellationToken).ConfigureAwait(false);
            if (holder is null)
            {
                continue;
            }

            var leaver = change.Before.Id;
            foreach (var item in (await _tracking.GetOpenItemsAsync(holder, cancellationToken).ConfigureAwait(false)).Where(i => i.Concerns == leaver))
            {
                var updated = await _tracking.UpdateAsync(item.Key, current => ItemTransitions.CloseAsLeft(current, now, actor, origin), cancellationToken).ConfigureAwait(false);
                closed += updated.Status == ItemUpdateStatus.Updated ? 1 : 0;
            }
        }

        return closed;
    }

    /// <summary>Closes the leaver's open items of their programmes of visits and meetings, and of the meetings they chaired, as "left".</summary>
    private async Task<int> CloseProgrammeItemsAsync(Person leaver, DateTimeOffset now, Actor actor, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var item in (await _tracking.GetOpenItemsAsync(leaver, cancellationToken).ConfigureAwait(false)).Where(i => i.Owner == leaver.Id && (Programme.IsProgrammeItem(i.Id, i.Duty) || Core.Meetings.ChairedMeeting.IsMeetingItem(i.Id, i.Duty))))
        {
            var updated = await _tracking.UpdateAsync(item.Key, current => ItemTransitions.CloseAsLeft(current, now, actor, origin), cancellationToken).ConfigureAwait(false);
            closed += updated.Status == ItemUpdateStatus.Updated ? 1 : 0;
        }

        return closed;
    }

    private async Task SaveAreaAsync(AreaChange change, DateTimeOffset now, Actor actor, AuditOrigin origin, DirectoryImportResult result, CancellationToken cancellationToken)
    {
        var action = change.Kind.ToString().ToLowerInvariant();
        var audit = new AuditEntry(now, actor, action, "area:" + change.After.Id, $"{action} {change.After.Kind.ToString().ToLowerInvariant()} {change.After.Id}", origin);
        var saved = await _directory.SaveAreaAsync(change.After, change.Version, audit, cancellationToken).ConfigureAwait(false);
        if (saved.Saved)
        {
            result.Count(change.Kind, area: true);
        }
        else
        {
            result.Conflicts.Add($"area {change.After.Id} was changed by someone else during the import; run the import again");
        }
    }

    private async Task SavePersonAsync(PersonChange change, DateTimeOffset now, Actor actor, AuditOrigin origin, DirectoryImportResult result, CancellationToken cancellationToken)
    {
        var action = change.Kind.ToString().ToLowerInvariant();
        var detail = change.Kind switch
        {
            ChangeKind.Added => "added",
            ChangeKind.Deactivated => change.ItemsGoTo is { } to ? $"deactivated; open items to person:{to.Id}" : "deactivated",
            _ => $"{action}: {string.Join(", ", change.What)}",
        };
        var audit = new AuditEntry(now, actor, action, "person:" + change.After.Id, detail, origin);
        var saved = await _directory.SavePersonAsync(change.After, change.Version, audit, cancellationToken).ConfigureAwait(false);
        if (saved.Saved)
        {
            result.Count(change.Kind, area: false);
        }
        else
        {
            result.Conflicts.Add($"person {change.After.Id} was changed by someone else during the import; run the import again");
        }
    }
}
