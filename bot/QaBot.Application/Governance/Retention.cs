using System.Globalization;
using Microsoft.Extensions.Options;
using QaBot.Application.Compliance;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation;
using QaBot.Core.Calendar;
using QaBot.Core.Compliance;
using QaBot.Core.Governance;
using QaBot.Core.Tracking;

namespace QaBot.Application.Governance;

/// <summary>
/// A retention run's summary: counts by kind, never contents, the cut-offs it used, and the last month of the compliance
/// model sealed (or, in a preview, to be sealed) because closed items due in it go; once applied, the person index's pass.
/// </summary>
public sealed record RetentionSummary(DateOnly AsOf, RetentionCutoffs Cutoffs, DateOnly LeftBefore, IReadOnlyList<TableCount> Counts, bool Applied, ReportMonth SealedThrough, PersonIndexUpdate? Index = null)
{
    public long Total => Counts.Sum(c => c.Rows);
}

/// <summary>
/// <c>qabot retention preview|apply</c> and the daily retention run: removes what is past its period (docs/privacy.md)
/// and pseudonymises leavers past theirs, first applying again any recorded erasure a restore or a stop undid. Each
/// run is recorded in the governance log, one entry per kind with its count (a preview too, as a look). Before any
/// closed item goes, the compliance model's months up to the cut-off are sealed, so a rebuild never counts them again
/// from what is left and the figures leaders reported stay as they were. An applied run ends by bringing the person
/// index up to date.
/// </summary>
public sealed class Retention
{
    private readonly IRetentionStore _store;
    private readonly IComplianceStore _compliance;
    private readonly PersonalData _personal;
    private readonly IDirectoryStore _directory;
    private readonly IGovernanceLog _log;
    private readonly RetentionOptions _options;
    private readonly TimeSpan _maxCatchUp;
    private readonly CouncilCalendar _calendar;
    private readonly TimeProvider _time;

    public Retention(IRetentionStore store, IComplianceStore compliance, PersonalData personal, IDirectoryStore directory, IGovernanceLog log, IOptions<RetentionOptions> options, IOptions<RemindersOptions> reminders, CouncilCalendar calendar, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reminders);
        _store = store;
        _compliance = compliance;
        _personal = personal;
        _directory = directory;
        _log = log;
        _options = options.Value;
        _maxCatchUp = reminders.Value.MaxCatchUp;
        _calendar = calendar;
        _time = time;
    }

    public async Task<RetentionSummary> RunAsync(bool apply, DateOnly? asOf, Actor who, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var realToday = DateOnly.FromDateTime(_calendar.ToLocalTime(now).DateTime);
        var today = asOf ?? realToday;
        var midnight = _calendar.ToInstant(today, TimeOnly.MinValue);

        // Reminders are counted from today even when asked as of a later date: they are still to be sent, and the
        // ledger entries of runs still going are what stops a digest going twice.
        var remindersFrom = _calendar.ToInstant(today < realToday ? today : realToday, TimeOnly.MinValue);
        var cutoffs = new RetentionCutoffs(
            today.AddYears(-_options.ClosedItemsYears),
            _calendar.ToInstant(today.AddYears(-_options.AuditYears), TimeOnly.MinValue),
            today.AddYears(-_options.ClosedCasesYears),
            midnight - _options.StaleConversations,
            today.AddYears(-_options.QualityAssuranceYears),
            remindersFrom - (_options.SentReminders > _maxCatchUp ? _options.SentReminders : _maxCatchUp));
        var leftBefore = today.AddYears(-_options.LeaversYears);
        var sealThrough = ReportMonth.Of(cutoffs.ClosedItemsDueBefore.AddDays(-1));

        var counts = new List<TableCount>();
        if (apply)
        {
            await _personal.ReapplyAsync(who, origin, cancellationToken).ConfigureAwait(false);
        }

        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var leavers = snapshot.People.Select(p => p.Value)
            .Where(p => !p.Active && p.LeftOn is { } left && left < leftBefore && !Pseudonyms.IsPseudonym(p.Upn))
            .ToList();
        if (apply)
        {
            foreach (var leaver in leavers)
            {
                await _personal.EraseAsync(leaver, PersonalData.PastRetention, who, origin, cancellationToken).ConfigureAwait(false);
            }
        }

        if (apply)
        {
            await _compliance.SealThroughAsync(sealThrough, cancellationToken).ConfigureAwait(false);
        }

        counts.AddRange(await _store.SweepAsync(cutoffs, apply, cancellationToken).ConfigureAwait(false));
        counts.Add(new TableCount(RetentionKinds.Leavers, leavers.Count));

        var action = apply ? GovernanceLook.RetentionApply : GovernanceLook.RetentionPreview;
        foreach (var count in counts)
        {
            var asked = $"{count.Table} as of {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            await _log.RecordAsync(new GovernanceLook(_time.GetUtcNow(), who, action, asked, count.Rows, origin), cancellationToken).ConfigureAwait(false);
        }

        // Last, so the index holds what retention and erasure left: exports then read what names a person, not every table.
        var index = apply ? await _personal.UpdateIndexAsync(cancellationToken).ConfigureAwait(false) : null;
        return new RetentionSummary(today, cutoffs, leftBefore, counts, apply, sealThrough, index);
    }
}
