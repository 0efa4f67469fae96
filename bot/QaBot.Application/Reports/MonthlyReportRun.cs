using Microsoft.Extensions.Logging;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Core;
using QaBot.Core.Calendar;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Application.Reports;

/// <summary>
/// The monthly performance report: on the council's first working day of the month, from <see cref="ReportOptions.MonthlyReportTime"/>,
/// posts the month just ended to every channel of <c>Reports:Channels</c>, each for its area and audience, from the
/// same report lines as <c>qabot report compliance</c>. Each channel's report is claimed in the ledger before it is
/// posted, so a rerun, a second timer or a crash never posts it twice; one that failed or could not reach the
/// channel is tried again by the next run that day.
/// </summary>
public sealed partial class MonthlyReportRun
{
    private readonly ReportOptions _options;
    private readonly ComplianceReportQuery _reports;
    private readonly IReportLedger _ledger;
    private readonly ITeamChannelStore _channels;
    private readonly IConversationSender _sender;
    private readonly IMonthlyReportRenderer _renderer;
    private readonly AreaTreeCache _areas;
    private readonly CouncilCalendar _calendar;
    private readonly ILogger<MonthlyReportRun> _logger;

    public MonthlyReportRun(
        ReportOptions options,
        ComplianceReportQuery reports,
        IReportLedger ledger,
        ITeamChannelStore channels,
        IConversationSender sender,
        IMonthlyReportRenderer renderer,
        AreaTreeCache areas,
        CouncilCalendar calendar,
        ILogger<MonthlyReportRun> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _reports = reports ?? throw new ArgumentNullException(nameof(reports));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _channels = channels ?? throw new ArgumentNullException(nameof(channels));
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _areas = areas ?? throw new ArgumentNullException(nameof(areas));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The month a report made at <paramref name="now"/> covers, or null when none is due then.</summary>
    public ReportMonth? MonthDue(DateTimeOffset now)
    {
        var local = _calendar.ToLocalTime(now);
        var today = DateOnly.FromDateTime(local.DateTime);
        var thisMonth = ReportMonth.Of(today);
        return today == _calendar.WorkingDayOnOrAfter(thisMonth.FirstDay) && local.TimeOfDay >= _options.MonthlyReportTime
            ? thisMonth.Previous()
            : null;
    }

    public async Task<MonthlyReportResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (MonthDue(now) is not { } month)
        {
            return MonthlyReportResult.NotDue;
        }

        var today = _calendar.LocalDateOf(now);
        var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = new List<ReportDelivery>();
        var posted = 0;
        foreach (var channel in _options.Channels)
        {
            var existing = await _ledger.GetAsync(channel.Name, month, cancellationToken).ConfigureAwait(false);
            if (existing is { Value.IsSettled: true })
            {
                deliveries.Add(existing.Value);
                continue;
            }

            var delivery = await DeliverAsync(channel, month, today, tree, existing, now, cancellationToken).ConfigureAwait(false);
            posted += delivery.State == ReportDeliveryState.Sent ? 1 : 0;
            deliveries.Add(delivery);
        }

        var problems = deliveries.Count(d => d.State is ReportDeliveryState.Failed or ReportDeliveryState.NotReachable);
        LogRun(month, posted, problems);
        return new MonthlyReportResult(month, posted, deliveries);
    }

    private async Task<ReportDelivery> DeliverAsync(
        ReportChannelOptions channel,
        ReportMonth month,
        DateOnly today,
        AreaTree tree,
        Versioned<ReportDelivery>? existing,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var attempts = existing?.Value.Attempts ?? 0;
        var target = await FindAsync(channel, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            LogNotReachable(channel.Name);
            return await RecordAsync(existing, new ReportDelivery(channel.Name, month, ReportDeliveryState.NotReachable, attempts, null, null, "QaBot is not in this channel's team: add the app to the team, and set Team when the channel is not the General one.", now), cancellationToken).ConfigureAwait(false);
        }

        if (!AreaId.TryParse(channel.Area, out var areaId) || tree.Find(areaId) is not { Retired: false } area)
        {
            LogUnknownArea(channel.Name, channel.Area);
            return await RecordAsync(existing, new ReportDelivery(channel.Name, month, ReportDeliveryState.Failed, attempts, null, null, $"The area '{channel.Area}' is not in the directory.", now), cancellationToken).ConfigureAwait(false);
        }

        var message = _renderer.Render(await BuildAsync(channel, area, month, today, tree, cancellationToken).ConfigureAwait(false));
        var claim = new ReportDelivery(channel.Name, month, ReportDeliveryState.Sending, attempts + 1, null, null, null, now);
        var claimed = existing is null
            ? await _ledger.CreateAsync(claim, cancellationToken).ConfigureAwait(false)
            : await _ledger.SaveAsync(claim, existing.Version, cancellationToken).ConfigureAwait(false);
        if (!claimed.Saved)
        {
            // Another run claimed it first: that run posts it.
            return (await _ledger.GetAsync(channel.Name, month, cancellationToken).ConfigureAwait(false))?.Value ?? claim;
        }

        var outcome = await _sender.PostToChannelAsync(target, message, cancellationToken).ConfigureAwait(false);
        var state = outcome.Status switch
        {
            SendStatus.Sent => ReportDeliveryState.Sent,
            SendStatus.Stale => ReportDeliveryState.NotReachable,
            _ => ReportDeliveryState.Failed,
        };
        if (outcome.Status == SendStatus.Stale)
        {
            // The app was removed from the team: the channel, and the team's General channel it was reached through.
            var reason = outcome.Reason ?? $"{outcome.StatusCode}";
            await _channels.MarkStaleAsync(target.ConversationId, reason, now, cancellationToken).ConfigureAwait(false);
            if (target.TeamId != target.ConversationId)
            {
                await _channels.MarkStaleAsync(target.TeamId, reason, now, cancellationToken).ConfigureAwait(false);
            }
        }

        var result = claim with { State = state, LastStatusCode = outcome.StatusCode, ActivityId = outcome.ActivityId, Problem = outcome.IsSent ? null : outcome.Reason };
        var saved = await _ledger.SaveAsync(result, claimed.Version!, cancellationToken).ConfigureAwait(false);
        if (!saved.Saved)
        {
            throw new InvalidOperationException($"The ledger entry of the {month} report for channel {channel.Name} changed while it was being posted.");
        }

        if (outcome.IsSent)
        {
            LogPosted(channel.Name, month, channel.Audience);
        }
        else
        {
            LogNotPosted(channel.Name, outcome.Status, outcome.StatusCode);
        }

        return result;
    }

    private async Task<TeamChannel?> FindAsync(ReportChannelOptions channel, CancellationToken cancellationToken)
    {
        if (await _channels.GetAsync(channel.Channel, cancellationToken).ConfigureAwait(false) is { IsStale: false } stored)
        {
            return stored.Channel;
        }

        return channel.Team is { } team && await _channels.GetAsync(team, cancellationToken).ConfigureAwait(false) is { IsStale: false } general
            ? general.Channel.InChannel(channel.Channel)
            : null;
    }

    private async Task<MonthlyReport> BuildAsync(ReportChannelOptions channel, Area area, ReportMonth month, DateOnly today, AreaTree tree, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<PublishedFigures>> Lines(ComplianceGrouping grouping, ReportAudience audience) =>
            _reports.RunAsync(new ComplianceReportRequest(area.Id, month, month, grouping, audience, today), cancellationToken);

        // Every line of the card is worked out in full, then, for members, suppressed together: the total, the areas and
        // the duties are each other's sums, so a figure hidden in one must not be left to work out from the others.
        var totals = await Lines(ComplianceGrouping.Month, ReportAudience.Officers).ConfigureAwait(false);
        var areas = await Lines(ComplianceGrouping.AreaTotal, ReportAudience.Officers).ConfigureAwait(false);
        var duties = await Lines(ComplianceGrouping.Duty, ReportAudience.Officers).ConfigureAwait(false);
        var areaDuties = await Lines(ComplianceGrouping.Area, ReportAudience.Officers).ConfigureAwait(false);
        IReadOnlyList<PublishedFigures> all = [.. totals, .. areas, .. duties, .. areaDuties];
        if (channel.Audience == ReportAudience.Members)
        {
            all = PublishedFigures.ForMembers(all.Select(l => l.Figures).ToList(), _options.MinimumBase);
        }

        var total = totals.Count == 0 ? null : all[0];
        var byArea = all.Skip(totals.Count).Take(areas.Count).ToList();
        var byDuty = all.Skip(totals.Count + areas.Count).Take(duties.Count).ToList();
        var areaDuty = all.Skip(totals.Count + areas.Count + duties.Count).ToList();
        var weakest = ComplianceReport.Weakest(areaDuty.Select(l => l.Figures), MonthlyReport.WeakestCount, _options.MinimumBase);
        return new MonthlyReport(
            channel,
            area,
            month,
            today,
            total,
            byArea.Where(l => l.Figures.Area != area.Id).ToList(),
            byDuty,
            weakest.Select(w => areaDuty.First(l => l.Figures == w)).ToList(),
            tree);
    }

    private async Task<ReportDelivery> RecordAsync(Versioned<ReportDelivery>? existing, ReportDelivery delivery, CancellationToken cancellationToken)
    {
        var saved = existing is null
            ? await _ledger.CreateAsync(delivery, cancellationToken).ConfigureAwait(false)
            : await _ledger.SaveAsync(delivery, existing.Version, cancellationToken).ConfigureAwait(false);
        return saved.Saved ? delivery : (await _ledger.GetAsync(delivery.Channel, delivery.Month, cancellationToken).ConfigureAwait(false))?.Value ?? delivery;
    }

    [LoggerMessage(EventId = 7701, Level = LogLevel.Information, Message = "Posted the {Month} performance report to channel {Channel} for {Audience}")]
    private partial void LogPosted(string channel, ReportMonth month, ReportAudience audience);

    [LoggerMessage(EventId = 7702, Level = LogLevel.Warning, Message = "The monthly report for channel {Channel} was not posted: QaBot is not installed in the channel's team, or it was removed")]
    private partial void LogNotReachable(string channel);

    [LoggerMessage(EventId = 7703, Level = LogLevel.Warning, Message = "The monthly report for channel {Channel} was not posted: {Status} ({StatusCode})")]
    private partial void LogNotPosted(string channel, SendStatus status, int? statusCode);

    [LoggerMessage(EventId = 7704, Level = LogLevel.Error, Message = "The monthly report for channel {Channel} was not posted: its area {Area} is not in the directory")]
    private partial void LogUnknownArea(string channel, string area);

    [LoggerMessage(EventId = 7705, Level = LogLevel.Information, Message = "Monthly report for {Month}: {Posted} channels posted, {Problems} not posted")]
    private partial void LogRun(ReportMonth month, int posted, int problems);
}
