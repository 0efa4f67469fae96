using System.Text;
using QaBot.Application.Cases;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Conversations.Turns;
using QaBot.Core.Calendar;
using QaBot.Core.Cases;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Cases;

/// <summary>
/// Answers case events typed in chat and "my cases": records the event through <see cref="RecordCaseUpdate"/> for
/// the person who holds the case, and says what the chain's next deadline is now. Case references only: one with a
/// name in it is refused before anything is looked up.
/// </summary>
public sealed class CaseReplies
{
    private readonly RecordCaseUpdate _record;
    private readonly ICaseChainStore _chains;
    private readonly IDirectoryStore _directory;
    private readonly StatutoryRuleSet _rules;
    private readonly CouncilCalendar _calendar;
    private readonly CaseReferencePattern _pattern;

    public CaseReplies(RecordCaseUpdate record, ICaseChainStore chains, IDirectoryStore directory, StatutoryRuleSet rules, CouncilCalendar calendar, CaseReferencePattern pattern)
    {
        _record = record ?? throw new ArgumentNullException(nameof(record));
        _chains = chains ?? throw new ArgumentNullException(nameof(chains));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
    }

    public async Task<OutboundMessage> RecordAsync(Person person, CaseUpdateText text, DateTimeOffset now, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(text);
        if (!_pattern.TryParse(text.Case, out var reference, out var problem))
        {
            return OutboundMessage.FromText($"Nothing recorded. {problem} For example: \"CLA review held for 12345 on 3 Dec\".");
        }

        if (text.On is not { } on || (text.Happening == CaseHappening.ExtensionAgreed && text.ExtendedTo is null))
        {
            return OutboundMessage.FromText(text.UnreadDate is null
                ? "Nothing recorded: say the new deadline, for example \"extension agreed for 34567 to 8 Dec\"."
                : $"Nothing recorded: I couldn't read the date \"{text.UnreadDate}\". Write it like 3 Dec or 2026-12-03.");
        }

        PersonId? to = null;
        if (text.Happening == CaseHappening.Transferred)
        {
            if (text.To is null || await _directory.FindByUpnAsync(text.To, cancellationToken).ConfigureAwait(false) is not { Active: true } holder)
            {
                return OutboundMessage.FromText("Nothing recorded: say who the case goes to by their work address, for example \"case 12345 transferred to a.person@council.example\".");
            }

            to = holder.Id;
        }

        var outcome = await _record.ExecuteAsync(new CaseUpdate(reference.Value, text.Happening, on, person.Id, now, origin, to, text.ExtendedTo), cancellationToken).ConfigureAwait(false);
        var reply = new StringBuilder();
        foreach (var recorded in outcome.Recorded.Where(r => r.Chain is not null))
        {
            reply.AppendLine(Describe(recorded));
        }

        if (outcome.Problem is { } refused)
        {
            reply.AppendLine(outcome.Recorded.Count == 0 ? $"Nothing recorded for case {reference}: {refused}" : $"The rest was not recorded: {refused}");
        }

        return OutboundMessage.FromText(reply.ToString().TrimEnd());
    }

    /// <summary>The open chains the person holds, and their direct reports', with each next deadline.</summary>
    public async Task<OutboundMessage> MyCasesAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var reply = new StringBuilder();
        var own = await _chains.GetOpenAsync(person.Id, cancellationToken).ConfigureAwait(false);
        reply.AppendLine(own.Count == 0 ? "You hold no open cases with statutory timescales." : "Your cases:");
        foreach (var chain in own)
        {
            reply.AppendLine("- " + Line(chain));
        }

        foreach (var report in await _directory.GetReportsAsync(person.Id, cancellationToken).ConfigureAwait(false))
        {
            var theirs = await _chains.GetOpenAsync(report.Id, cancellationToken).ConfigureAwait(false);
            if (theirs.Count == 0)
            {
                continue;
            }

            reply.AppendLine().Append(report.DisplayName).AppendLine("'s cases:");
            foreach (var chain in theirs)
            {
                reply.AppendLine("- " + Line(chain));
            }
        }

        return OutboundMessage.FromText(reply.ToString().TrimEnd());
    }

    private string Line(CaseChain chain)
    {
        var rule = _rules.Find(chain.Rule);
        var next = rule is null ? null : CaseChains.NextDeadline(chain, rule, _calendar);
        var name = rule?.Name ?? chain.Rule;
        return next is null
            ? $"{chain.Case}: {name}, no deadline pending"
            : $"{chain.Case}: {name}, {rule!.Item} {next.N} due {UkDates.Format(next.Due)}";
    }

    private string Describe(CaseEventOutcome outcome)
    {
        var chain = outcome.Chain!;
        var rule = _rules.Find(chain.Rule);
        var name = rule?.Name ?? chain.Rule;
        var said = outcome.Status == CaseEventStatus.Unchanged ? "Already recorded" : "Recorded";
        if (outcome.Next is { } next)
        {
            return $"{said} for case {chain.Case} ({name}): {rule!.Item} {next.N} is due by {UkDates.Format(next.Due)}, {next.Basis}.";
        }

        return $"{said} for case {chain.Case} ({name}): the chain has ended, no further deadline.";
    }
}
