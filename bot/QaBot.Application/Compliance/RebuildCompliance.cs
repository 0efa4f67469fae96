using QaBot.Core.Compliance;
using QaBot.Core.Framework;

namespace QaBot.Application.Compliance;

/// <summary>
/// <c>qabot compliance rebuild</c> and the daily check: counts the model afresh from the items for the months given,
/// reports every duty in every cell where the stored model differs, and (unless it is a dry run) writes the counted
/// cells in place of those that differ. Sealed months (retention has removed some of their items) are left as they are.
/// </summary>
public sealed class RebuildCompliance
{
    private readonly IComplianceStore _store;

    public RebuildCompliance(IComplianceStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public async Task<ComplianceRebuildResult> RunAsync(ReportMonth from, ReportMonth to, bool dryRun, CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            throw new ArgumentException($"The rebuild runs from {from} to {to}: the end is before the start.", nameof(to));
        }

        var sealedThrough = await _store.GetSealedThroughAsync(cancellationToken).ConfigureAwait(false);
        var first = sealedThrough is { } seal && seal >= from ? seal.Next() : from;
        var counted = new Dictionary<(Core.Organisation.AreaId, ReportMonth), ComplianceCell>();
        var stored = new Dictionary<(Core.Organisation.AreaId, ReportMonth), ComplianceCell>();
        if (first <= to)
        {
            counted = (await _store.RecountAsync(first, to, cancellationToken).ConfigureAwait(false)).ToDictionary(c => (c.Area, c.Month));
            foreach (var cell in await _store.GetCellsAsync(null, first, to, cancellationToken).ConfigureAwait(false))
            {
                stored[(cell.Area, cell.Month)] = cell;
            }
        }

        var differences = new List<ComplianceDifference>();
        var corrected = new List<ComplianceCell>();
        foreach (var key in counted.Keys.Union(stored.Keys).OrderBy(k => k.Item1.Value, StringComparer.Ordinal).ThenBy(k => k.Item2))
        {
            var want = counted.GetValueOrDefault(key) ?? new ComplianceCell(key.Item1, key.Item2);
            var have = stored.GetValueOrDefault(key) ?? new ComplianceCell(key.Item1, key.Item2);
            if (want.SameCounts(have))
            {
                continue;
            }

            corrected.Add(want);
            foreach (var duty in want.Duties.Keys.Union(have.Duties.Keys).OrderBy(d => d.Value, StringComparer.Ordinal))
            {
                var w = want.Duties.GetValueOrDefault(duty) ?? new DutyTally();
                var h = have.Duties.GetValueOrDefault(duty) ?? new DutyTally();
                if (!w.SameCounts(h))
                {
                    differences.Add(new ComplianceDifference(key.Item1, key.Item2, duty, Figures(key, duty, h), Figures(key, duty, w)));
                }
            }
        }

        if (!dryRun && corrected.Count > 0)
        {
            await _store.ReplaceAsync(corrected, cancellationToken).ConfigureAwait(false);
        }

        var (openDifferences, openCorrected) = await RebuildOpenAsync(dryRun, cancellationToken).ConfigureAwait(false);
        return new ComplianceRebuildResult(from, to, counted.Count, differences, dryRun ? 0 : corrected.Count, openDifferences, dryRun ? 0 : openCorrected)
        {
            SealedThrough = first > from ? sealedThrough : null,
        };
    }

    /// <summary>The open tallies hold open items of any month, so they are recounted whole, whatever months were asked.</summary>
    private async Task<(List<OpenDifference> Differences, int Corrected)> RebuildOpenAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var counted = (await _store.RecountOpenAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Area);
        var stored = (await _store.GetOpenAsync(null, cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Area);
        var differences = new List<OpenDifference>();
        var corrected = new List<OpenTally>();
        var refilled = new List<OpenTally>();
        foreach (var area in counted.Keys.Union(stored.Keys).OrderBy(a => a.Value, StringComparer.Ordinal))
        {
            var want = counted.GetValueOrDefault(area) ?? new OpenTally(area);
            var have = stored.GetValueOrDefault(area) ?? new OpenTally(area);
            if (want.SameCounts(have))
            {
                // Right counts but no oldest keys where it should have some (a tally written by an older release, or one
                // whose keys did not agree with its counts): filled, not a difference. Keys that are only short are left
                // to the repair pass, which fills them conditionally; an unconditional write here could lose a reply's count.
                if (have.Oldest.Count == 0 && want.Oldest.Count > 0)
                {
                    refilled.Add(want);
                }

                continue;
            }

            corrected.Add(want);
            foreach (var duty in want.Duties.Keys.Union(have.Duties.Keys).OrderBy(d => d.Value, StringComparer.Ordinal))
            {
                var w = want.Duties.GetValueOrDefault(duty) ?? [];
                var h = have.Duties.GetValueOrDefault(duty) ?? [];
                if (!w.SequenceEqual(h))
                {
                    differences.Add(new OpenDifference(area, duty, h.Values.Sum(), w.Values.Sum()));
                }
            }
        }

        if (!dryRun && corrected.Count + refilled.Count > 0)
        {
            await _store.ReplaceOpenAsync([.. corrected, .. refilled], cancellationToken).ConfigureAwait(false);
        }

        return (differences, corrected.Count);
    }

    private static ComplianceFigures Figures((Core.Organisation.AreaId Area, ReportMonth Month) key, DutyId duty, DutyTally tally) =>
        ComplianceFigures.Of(key.Area, duty, key.Month, tally, DateOnly.MaxValue);
}
