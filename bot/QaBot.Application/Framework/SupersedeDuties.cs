using Microsoft.Extensions.Logging;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Framework;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Framework;

/// <summary>
/// From a new framework version's effective date: closes the open items of the duties it removed or changed (another
/// role, another rhythm, per report or not) as "superseded by framework version N", each with its audit entry, so the
/// new rhythm's items stand alone. Only items created before the effective date are closed: the new rhythm's items,
/// which the daily run creates from that date, are left alone. Each item is closed by a write conditional on its being
/// outstanding, so a run that stopped part-way is simply run again: what was closed stays closed, once.
/// </summary>
public sealed partial class SupersedeDuties
{
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly ScheduleRules _rules;
    private readonly TimeProvider _time;
    private readonly ILogger<SupersedeDuties> _logger;

    public SupersedeDuties(ITrackingStore tracking, IDirectoryStore directory, ScheduleRules rules, TimeProvider time, ILogger<SupersedeDuties> logger)
    {
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <param name="previous">The version in use before <paramref name="current"/>.</param>
    public async Task<SupersedeResult> ExecuteAsync(FrameworkCatalogue previous, FrameworkCatalogue current, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(origin);
        if (current.Version <= previous.Version)
        {
            throw new ArgumentException($"Version {current.Version} does not follow version {previous.Version}.", nameof(current));
        }

        var now = _time.GetUtcNow();
        var today = _rules.Calendar.LocalDateOf(now);
        if (current.EffectiveFrom is not { } from || today < from)
        {
            return new SupersedeResult(SupersedeStatus.NotYetEffective, current.Version, 0);
        }

        var duties = FrameworkDiff.Superseded(previous, current);
        var tree = await _directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
        if (duties.Count == 0 || tree.Root is not { } root)
        {
            return new SupersedeResult(SupersedeStatus.Done, current.Version, 0);
        }

        var outstanding = await _tracking.GetOutstandingAsync(root.Id, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false);
        var closed = 0;
        // A duty now owed after practice learning days keeps the visits its days made, and one now planned in programmes
        // keeps its entries' items: only the calendar's items go.
        var sources = current.Duties.ToDictionary(d => d.Id, d => d.ScheduledFrom);
        bool Kept(TrackedItem item) => sources.GetValueOrDefault(item.Duty) switch
        {
            DutySource.LearningDaysHeld => LearningDay.IsVisitItem(item.Id, item.Duty),
            DutySource.Programme => Programme.IsProgrammeItem(item.Id, item.Duty),
            _ => false,
        };
        bool Superseded(TrackedItem item) => duties.Contains(item.Duty) && IsOlderThan(item, from) && !Kept(item);

        foreach (var item in outstanding.Where(Superseded))
        {
            var result = await _tracking.UpdateAsync(
                item.Key,
                fresh => Superseded(fresh) ? ItemTransitions.Supersede(fresh, current.Version, now, origin) : null,
                cancellationToken).ConfigureAwait(false);
            if (result.Status == ItemUpdateStatus.Updated)
            {
                closed++;
            }
            else if (result.Status == ItemUpdateStatus.Conflict)
            {
                // Left outstanding: the next run closes it.
                LogConflict(item.Id.Value);
            }
        }

        LogSuperseded(current.Version, closed, duties.Count);
        return new SupersedeResult(SupersedeStatus.Done, current.Version, closed);
    }

    private bool IsOlderThan(TrackedItem item, DateOnly from) => _rules.Calendar.LocalDateOf(item.CreatedAt) < from;

    [LoggerMessage(EventId = 5160, Level = LogLevel.Information, Message = "Framework version {Version}: {Closed} open items of {Duties} changed or removed duties closed as superseded")]
    private partial void LogSuperseded(int version, int closed, int duties);

    [LoggerMessage(EventId = 5161, Level = LogLevel.Warning, Message = "Item {ItemId} kept changing while it was being superseded; the next run closes it")]
    private partial void LogConflict(string itemId);
}

public enum SupersedeStatus
{
    /// <summary>The version's effective date has not come (or it gives none): nothing was closed.</summary>
    NotYetEffective,

    /// <summary>Every open item of a changed or removed duty is closed.</summary>
    Done,
}

/// <param name="Closed">Items closed by this run (none when an earlier run closed them all).</param>
public sealed record SupersedeResult(SupersedeStatus Status, int Version, int Closed);
