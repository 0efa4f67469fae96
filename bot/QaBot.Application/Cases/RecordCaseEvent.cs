using System.Globalization;
using Microsoft.Extensions.Logging;
using QaBot.Application.Organisation;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Core.Cases;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Application.Cases;

/// <summary>
/// Records one event in a case's statutory chain (from Teams, or a row of an import) and keeps the chain's tracked
/// item in step: the next deadline is an item for the person who holds the case, with reminders and escalation like
/// any other; a link held marks its item done on the day it was held; a closed chain sets its item aside as
/// "case closed"; an extension moves the item's deadline; a transfer gives the item to the new person.
/// </summary>
public sealed partial class RecordCaseEvent
{
    private const int Attempts = 3;

    private readonly ICaseChainStore _chains;
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly FrameworkCatalogue _catalogue;
    private readonly StatutoryRuleSet _rules;
    private readonly ScheduleRules _schedule;
    private readonly ILogger<RecordCaseEvent> _logger;

    public RecordCaseEvent(
        ICaseChainStore chains,
        ITrackingStore tracking,
        IDirectoryStore directory,
        FrameworkCatalogue catalogue,
        StatutoryRuleSet rules,
        ScheduleRules schedule,
        ILogger<RecordCaseEvent> logger)
    {
        _chains = chains ?? throw new ArgumentNullException(nameof(chains));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<CaseEventOutcome> ExecuteAsync(CaseEventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_rules.Find(request.Rule) is not { } rule || CaseChains.OwningDuty(_catalogue, request.Rule) is not { } duty)
        {
            return CaseEventOutcome.Refused($"There is no statutory rule '{request.Rule}'.");
        }

        var newHolder = request.Event.To is { } to ? await ActivePersonAsync(to, cancellationToken).ConfigureAwait(false) : null;
        if (request.Event.To is not null && newHolder is null)
        {
            return CaseEventOutcome.Refused("The person named to hold the case is not in the staff directory.");
        }

        var today = _schedule.Calendar.LocalDateOf(request.At);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var stored = await _chains.GetAsync(request.Case, rule.Id, cancellationToken).ConfigureAwait(false);
            if (request.Recorder is { } recorder && !MayRecord(recorder, stored?.Value, request.Event))
            {
                return CaseEventOutcome.Refused($"Case {request.Case} is not yours to record: only the person who holds it can.");
            }

            var result = CaseChains.Apply(stored?.Value, request.Case, rule, duty.Id, request.Event, _schedule.Calendar, today);
            if (result.Status == CaseEventStatus.Refused)
            {
                return CaseEventOutcome.Refused(result.Problem!);
            }

            var chain = result.Chain!;
            var next = CaseChains.NextDeadline(chain, rule, _schedule.Calendar);
            if (result.Status == CaseEventStatus.Unchanged)
            {
                return new CaseEventOutcome(CaseEventStatus.Unchanged, chain, next, null);
            }

            var saved = await _chains.SaveAsync(chain, stored?.Version, cancellationToken).ConfigureAwait(false);
            if (saved.Status == WriteStatus.Conflict)
            {
                continue;
            }

            var before = stored is { Value.IsOpen: true } ? CaseChains.NextDeadline(stored.Value, rule, _schedule.Calendar) : null;
            await KeepItemInStepAsync(request, stored?.Value, chain, before, next, cancellationToken).ConfigureAwait(false);
            LogRecorded(rule.Id, request.Event.Kind, request.Recorder is { } by ? by.Value : "system");
            return new CaseEventOutcome(CaseEventStatus.Applied, chain, next, null);
        }

        LogConflict(rule.Id);
        return CaseEventOutcome.Refused("Someone else changed this case at the same moment: nothing was recorded. Try again.");
    }

    private static bool MayRecord(PersonId recorder, CaseChain? chain, CaseEvent caseEvent) =>
        chain is { IsOpen: true } ? chain.Responsible == recorder : caseEvent.Kind != CaseEventKind.Started || caseEvent.To == recorder;

    private async Task KeepItemInStepAsync(
        CaseEventRequest request,
        CaseChain? beforeChain,
        CaseChain chain,
        StatutoryDeadline? before,
        StatutoryDeadline? next,
        CancellationToken cancellationToken)
    {
        var actor = request.Recorder is { } recorder ? Actor.Person(recorder) : Actor.System("import");
        var holder = await ActivePersonAsync(chain.Responsible, cancellationToken).ConfigureAwait(false);
        TrackedItem? current = null;
        if (before is not null && beforeChain is not null && await ActivePersonAsync(beforeChain.Responsible, cancellationToken).ConfigureAwait(false) is { } previous)
        {
            current = await _tracking.GetAsync(ItemKey.For(previous, before.Id!.Value), cancellationToken).ConfigureAwait(false);
        }

        if (current is not null && before is not null)
        {
            if (next is null || next.Id != before.Id)
            {
                // The link this item stood for is over: held on a date, or the chain ended.
                var reply = request.Event.Kind == CaseEventKind.Held
                    ? new ItemReply(ReplyId(request, current), current.Id, ReplyKind.Done, request.Event.By, request.At, request.Event.On, null, request.Origin)
                    : new ItemReply(ReplyId(request, current), current.Id, ReplyKind.NotApplicable, request.Event.By, request.At, null, null, request.Origin, "case-closed");
                await _tracking.UpdateAsync(current.Key, item => item.IsOutstanding ? ItemTransitions.Reply(item, reply) : null, cancellationToken).ConfigureAwait(false);
            }
            else if (next.Due != current.Due)
            {
                var remindAt = _schedule.RemindersAfter(next.Due, current.Duty, request.At);
                await _tracking.UpdateAsync(current.Key, item => ItemTransitions.Extend(item, next.Due, remindAt, request.At, actor, request.Origin), cancellationToken).ConfigureAwait(false);
            }
            else if (holder is not null && current.Owner != holder.Id)
            {
                if (current.Area == holder.HomeArea)
                {
                    await _tracking.UpdateAsync(current.Key, item => ItemTransitions.HandOver(item, holder, request.At, actor, request.Origin), cancellationToken).ConfigureAwait(false);
                    return;
                }

                // Items are kept in their owner's home area: the new holder's team keeps a new item for the same
                // deadline, and the old one is set aside with the reason.
                var reply = new ItemReply(ReplyId(request, current), current.Id, ReplyKind.NotApplicable, request.Event.By, request.At, null, "Case transferred to another team", request.Origin, ComplianceEntry.OtherReason);
                await _tracking.UpdateAsync(current.Key, item => item.IsOutstanding ? ItemTransitions.Reply(item, reply) : null, cancellationToken).ConfigureAwait(false);
                await AddAsync(chain, next, holder, request, actor, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (next is not null && holder is not null && (next.Id != before?.Id || current is null))
        {
            await AddAsync(chain, next, holder, request, actor, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AddAsync(CaseChain chain, StatutoryDeadline next, Person holder, CaseEventRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var occurrence = new Occurrence(
            next.Id!.Value,
            chain.Duty,
            holder.Id,
            next.Due,
            next.CountedFrom,
            next.Due,
            _schedule.RemindersAfter(next.Due, chain.Duty, request.At),
            null,
            _schedule.Calendar.IsBankHolidayYearProvisional(next.Due));
        await _tracking.AddIfAbsentAsync([NewItem.Of(TrackedItem.FromOccurrence(occurrence, holder.HomeArea, request.At, actor))], request.Origin, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Person?> ActivePersonAsync(PersonId id, CancellationToken cancellationToken) =>
        await _directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false) is { Active: true } person ? person : null;

    private static string ReplyId(CaseEventRequest request, TrackedItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"case.{request.Event.Kind}.{item.Id.Value}.{request.Event.On:yyyy-MM-dd}");

    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Recorded case event {Kind} on a {Rule} chain by {Recorder}")]
    private partial void LogRecorded(string rule, CaseEventKind kind, string recorder);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "A {Rule} chain kept changing while an event was recorded; nothing was recorded")]
    private partial void LogConflict(string rule);
}

/// <summary>An event to record on a case's chain.</summary>
/// <param name="Rule">The statutory rule's id.</param>
/// <param name="Recorder">The person recording it from Teams, who must hold the case; null for an import.</param>
public sealed record CaseEventRequest(CaseReference Case, string Rule, CaseEvent Event, PersonId? Recorder, DateTimeOffset At, AuditOrigin Origin);

/// <summary>What recording an event did, and the chain's next deadline afterwards (none once it has ended).</summary>
/// <param name="Problem">Why it was refused, in words for the person.</param>
public sealed record CaseEventOutcome(CaseEventStatus Status, CaseChain? Chain, StatutoryDeadline? Next, string? Problem)
{
    public static CaseEventOutcome Refused(string problem) => new(CaseEventStatus.Refused, null, null, problem);
}
