using QaBot.Core.Cases;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Application.Cases;

/// <summary>
/// What someone says happened in a case, in the product's words ("review held", "escalated to stage 2"), recorded as
/// the events it means on the case's chains: an initial conference held ends that chain and starts the review
/// conferences; an escalation ends one complaint stage and starts the next; a review held, an extension, a transfer
/// or a closure applies to the case's open chains it concerns.
/// </summary>
public sealed class RecordCaseUpdate
{
    private readonly ICaseChainStore _chains;
    private readonly RecordCaseEvent _record;

    public RecordCaseUpdate(ICaseChainStore chains, RecordCaseEvent record)
    {
        _chains = chains ?? throw new ArgumentNullException(nameof(chains));
        _record = record ?? throw new ArgumentNullException(nameof(record));
    }

    public async Task<CaseUpdateOutcome> ExecuteAsync(CaseUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var open = (await _chains.GetForCaseAsync(update.Case, cancellationToken).ConfigureAwait(false))
            .Select(c => c.Value)
            .Where(c => c.IsOpen)
            .ToList();
        var by = update.By;
        List<(string Rule, CaseEventKind Kind, PersonId? To)> steps = update.Happening switch
        {
            CaseHappening.BecameLookedAfter => [Step("cla-review", CaseEventKind.Started, to: by)],
            CaseHappening.StrategyDiscussion => [Step("cp-initial-conference", CaseEventKind.Started, to: by)],
            CaseHappening.InitialConferenceHeld => open.Any(c => c.Rule == "cp-initial-conference")
                ? [Step("cp-initial-conference", CaseEventKind.Held), Step("cp-review", CaseEventKind.Started, to: by)]
                : [Step("cp-review", CaseEventKind.Started, to: by)],
            CaseHappening.ComplaintReceived => [Step("complaint-stage-1", CaseEventKind.Started, to: by)],
            CaseHappening.EscalatedToStage2 => Escalate(open, "complaint-stage-1", "complaint-stage-2", by),
            CaseHappening.EscalatedToStage3 => Escalate(open, "complaint-stage-2", "complaint-stage-3", by),
            CaseHappening.ReviewHeld => open.Where(c => c.Rule is "cla-review" or "cp-review").Select(c => Step(c.Rule, CaseEventKind.Held)).ToList(),
            CaseHappening.ResponseSent => open.Where(c => c.Rule.StartsWith("complaint-", StringComparison.Ordinal)).Select(c => Step(c.Rule, CaseEventKind.Held)).ToList(),
            CaseHappening.ExtensionAgreed => open.Where(c => c.Rule.StartsWith("complaint-", StringComparison.Ordinal)).Select(c => Step(c.Rule, CaseEventKind.Extended)).ToList(),
            CaseHappening.Transferred => open.Select(c => Step(c.Rule, CaseEventKind.Transferred, to: update.To)).ToList(),
            CaseHappening.Closed => open.Select(c => Step(c.Rule, CaseEventKind.Closed)).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(update), update.Happening, "Unknown happening."),
        };
        if (steps.Count == 0)
        {
            return new CaseUpdateOutcome([], $"Case {update.Case} has no open chain that this applies to.");
        }

        var outcomes = new List<CaseEventOutcome>();
        foreach (var (rule, kind, to) in steps)
        {
            var caseEvent = new CaseEvent(kind, update.On, by, to, kind == CaseEventKind.Extended ? update.ExtendedTo : null);
            var outcome = await _record.ExecuteAsync(new CaseEventRequest(update.Case, rule, caseEvent, by, update.At, update.Origin), cancellationToken).ConfigureAwait(false);
            if (outcome.Status == CaseEventStatus.Refused)
            {
                return new CaseUpdateOutcome(outcomes, outcome.Problem);
            }

            outcomes.Add(outcome);
        }

        return new CaseUpdateOutcome(outcomes, null);
    }

    private static List<(string Rule, CaseEventKind Kind, PersonId? To)> Escalate(List<CaseChain> open, string from, string to, PersonId by) =>
        open.Any(c => c.Rule == from)
            ? [Step(from, CaseEventKind.Closed), Step(to, CaseEventKind.Started, to: by)]
            : [Step(to, CaseEventKind.Started, to: by)];

    private static (string Rule, CaseEventKind Kind, PersonId? To) Step(string rule, CaseEventKind kind, PersonId? to = null) => (rule, kind, to);
}

/// <summary>What can be said to have happened in a case.</summary>
public enum CaseHappening
{
    BecameLookedAfter,
    StrategyDiscussion,
    InitialConferenceHeld,
    ReviewHeld,
    ComplaintReceived,
    EscalatedToStage2,
    EscalatedToStage3,
    ResponseSent,
    ExtensionAgreed,
    Transferred,
    Closed,
}

/// <summary>Something that happened in a case, said by the person who holds it.</summary>
/// <param name="On">The day it happened (for an extension: the day it was agreed).</param>
/// <param name="To">For a transfer: who holds the case now.</param>
/// <param name="ExtendedTo">For an extension: the new deadline.</param>
public sealed record CaseUpdate(CaseReference Case, CaseHappening Happening, DateOnly On, PersonId By, DateTimeOffset At, AuditOrigin Origin, PersonId? To = null, DateOnly? ExtendedTo = null);

/// <summary>The events recorded, each with its chain's next deadline; <see cref="Problem"/> says why the rest was not.</summary>
public sealed record CaseUpdateOutcome(IReadOnlyList<CaseEventOutcome> Recorded, string? Problem);
