using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Core.Cases;

/// <summary>
/// What an event does to a case's chain, and the deadline that follows: pure functions of the chain, the rule and the
/// calendar. The next deadline counts from the date a link was actually held, never from the date it was due; an
/// extension applies only where the procedure allows one and only as far as it allows.
/// </summary>
public static class CaseChains
{
    /// <summary>The duty that owns a rule's chains: the one the catalogue lists the rule under (<c>statutoryRules</c>).</summary>
    public static Duty? OwningDuty(FrameworkCatalogue catalogue, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return catalogue.Duties.FirstOrDefault(d => d.Rhythm is StatutoryRhythm s && s.RuleIds.Contains(ruleId, StringComparer.Ordinal));
    }

    /// <summary>The chain's next deadline: null once the chain is closed or its last link has been held.</summary>
    public static StatutoryDeadline? NextDeadline(CaseChain chain, StatutoryRule rule, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(rule);
        if (!chain.IsOpen)
        {
            return null;
        }

        var deadline = Link(chain, rule, calendar, chain.Held.Count + 1);
        if (deadline is null || chain.ExtendedTo is not { } extended)
        {
            return deadline;
        }

        return deadline with
        {
            Due = extended,
            Basis = $"extended to {UkDates.FormatLong(extended)} (the procedure allows up to {deadline.ExtendableTo}); first {deadline.Basis}",
        };
    }

    /// <summary>
    /// Records an event. <paramref name="chain"/> is null for a case's first event under the rule, which must be
    /// <see cref="CaseEventKind.Started"/>. Recording an event the chain already holds changes nothing, so an import
    /// can be run again.
    /// </summary>
    /// <param name="duty">The duty that owns the rule (<see cref="OwningDuty"/>), for a new chain.</param>
    /// <param name="today">The council's local date: no event can be recorded in the future.</param>
    public static CaseEventResult Apply(
        CaseChain? chain,
        CaseReference caseReference,
        StatutoryRule rule,
        DutyId duty,
        CaseEvent caseEvent,
        CouncilCalendar calendar,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(caseEvent);
        ArgumentNullException.ThrowIfNull(calendar);
        if (chain is not null && (chain.Case != caseReference || chain.Rule != rule.Id))
        {
            throw new ArgumentException($"The chain is {chain.Rule} for {chain.Case}, not {rule.Id} for {caseReference}.", nameof(chain));
        }

        if (caseEvent.On > today)
        {
            return CaseEventResult.Refused($"{UkDates.FormatLong(caseEvent.On)} is in the future: record an event once it has happened.");
        }

        if (caseEvent.Kind == CaseEventKind.Started)
        {
            return Start(chain, caseReference, rule, duty, caseEvent);
        }

        if (chain is null)
        {
            return CaseEventResult.Refused($"{caseReference} has no {rule.Name.ToLowerInvariant()} chain yet: record {rule.Event} first.");
        }

        if (!chain.IsOpen)
        {
            return caseEvent.Kind == CaseEventKind.Closed && caseEvent.On == chain.ClosedOn
                ? CaseEventResult.Unchanged(chain)
                : CaseEventResult.Refused($"The {rule.Name.ToLowerInvariant()} chain for {chain.Case} closed on {UkDates.FormatLong(chain.ClosedOn!.Value)}.");
        }

        var latest = chain.Held.Count > 0 ? chain.Held[^1] : chain.Started;
        if (caseEvent.Kind != CaseEventKind.Extended && caseEvent.On < latest)
        {
            return chain.Held.Contains(caseEvent.On) && caseEvent.Kind == CaseEventKind.Held
                ? CaseEventResult.Unchanged(chain)
                : CaseEventResult.Refused($"{UkDates.FormatLong(caseEvent.On)} is before the chain's last event on {UkDates.FormatLong(latest)}.");
        }

        return caseEvent.Kind switch
        {
            CaseEventKind.Held => Hold(chain, rule, caseEvent, calendar),
            CaseEventKind.Extended => Extend(chain, rule, caseEvent, calendar),
            CaseEventKind.Transferred => Transfer(chain, caseEvent),
            CaseEventKind.Closed => CaseEventResult.Applied(chain with { ClosedOn = caseEvent.On, History = [.. chain.History, caseEvent] }),
            _ => throw new ArgumentException($"Unknown event {caseEvent.Kind}.", nameof(caseEvent)),
        };
    }

    private static CaseEventResult Start(CaseChain? chain, CaseReference caseReference, StatutoryRule rule, DutyId duty, CaseEvent caseEvent)
    {
        if (caseEvent.To is not { } responsible)
        {
            throw new ArgumentException("A chain's first event names who holds the case.", nameof(caseEvent));
        }

        if (chain is { IsOpen: true })
        {
            return chain.Started == caseEvent.On
                ? CaseEventResult.Unchanged(chain)
                : CaseEventResult.Refused($"{caseReference} already has an open {rule.Name.ToLowerInvariant()} chain from {UkDates.FormatLong(chain.Started)}: close it before starting another.");
        }

        if (chain is not null && caseEvent.On < chain.ClosedOn)
        {
            return chain.Started == caseEvent.On
                ? CaseEventResult.Unchanged(chain)
                : CaseEventResult.Refused($"The {rule.Name.ToLowerInvariant()} chain for {caseReference} closed on {UkDates.FormatLong(chain.ClosedOn!.Value)}: a new one starts on or after that.");
        }

        // A child who becomes looked after again starts a new chain; the earlier events stay in the history.
        return CaseEventResult.Applied(new CaseChain(
            caseReference,
            rule.Id,
            duty,
            responsible,
            caseEvent.On,
            Held: [],
            ExtendedTo: null,
            ClosedOn: null,
            History: [.. chain?.History ?? [], caseEvent]));
    }

    private static CaseEventResult Hold(CaseChain chain, StatutoryRule rule, CaseEvent caseEvent, CouncilCalendar calendar)
    {
        if (chain.Held.Contains(caseEvent.On))
        {
            return CaseEventResult.Unchanged(chain);
        }

        var held = chain with { Held = [.. chain.Held, caseEvent.On], ExtendedTo = null, History = [.. chain.History, caseEvent] };

        // A one-off timescale (an initial conference, a complaint response) ends when its link is held.
        return CaseEventResult.Applied(Link(held, rule, calendar, held.Held.Count + 1) is null ? held with { ClosedOn = caseEvent.On } : held);
    }

    private static CaseEventResult Extend(CaseChain chain, StatutoryRule rule, CaseEvent caseEvent, CouncilCalendar calendar)
    {
        if (caseEvent.ExtendedTo is not { } to)
        {
            throw new ArgumentException("An extension gives the new deadline.", nameof(caseEvent));
        }

        if (chain.ExtendedTo == to)
        {
            return CaseEventResult.Unchanged(chain);
        }

        var link = Link(chain, rule, calendar, chain.Held.Count + 1)!;
        if (link.ExtendableTo is not { } limit)
        {
            return CaseEventResult.Refused($"The procedure allows no extension to a {rule.Name.ToLowerInvariant()}: the deadline stays {UkDates.FormatLong(link.Due)}.");
        }

        var latest = calendar.WorkingDayOnOrBefore(limit.AddTo(link.CountedFrom, calendar));
        if (to > latest)
        {
            return CaseEventResult.Refused($"The procedure allows an extension to {limit} at most: {UkDates.FormatLong(latest)} is the latest deadline for {chain.Case}.");
        }

        if (to <= link.Due)
        {
            return CaseEventResult.Refused($"An extension moves the deadline later than {UkDates.FormatLong(link.Due)}.");
        }

        return CaseEventResult.Applied(chain with { ExtendedTo = to, History = [.. chain.History, caseEvent] });
    }

    private static CaseEventResult Transfer(CaseChain chain, CaseEvent caseEvent)
    {
        if (caseEvent.To is not { } to)
        {
            throw new ArgumentException("A transfer names who holds the case now.", nameof(caseEvent));
        }

        return to == chain.Responsible
            ? CaseEventResult.Unchanged(chain)
            : CaseEventResult.Applied(chain with { Responsible = to, History = [.. chain.History, caseEvent] });
    }

    private static StatutoryDeadline? Link(CaseChain chain, StatutoryRule rule, CouncilCalendar calendar, int n)
    {
        if (n > StatutoryRule.MaxCount)
        {
            return null;
        }

        var deadlines = rule.Deadlines(calendar, chain.Started, n, [.. chain.Held.Select(d => (DateOnly?)d)], chain.Case);
        return deadlines.Count == n ? deadlines[^1] : null;
    }
}

/// <summary>What recording an event did: the chain after it, or why it was refused (a value, never an exception).</summary>
public sealed record CaseEventResult(CaseEventStatus Status, CaseChain? Chain, string? Problem)
{
    public static CaseEventResult Applied(CaseChain chain) => new(CaseEventStatus.Applied, chain, null);

    public static CaseEventResult Unchanged(CaseChain chain) => new(CaseEventStatus.Unchanged, chain, null);

    public static CaseEventResult Refused(string problem) => new(CaseEventStatus.Refused, null, problem);
}

public enum CaseEventStatus
{
    Applied,

    /// <summary>The chain already holds the event (a repeated click, an import run again).</summary>
    Unchanged,

    Refused,
}
