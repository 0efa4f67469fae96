using QaBot.Application.Assurance;
using QaBot.Application.Conversations;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// Answers "themes this quarter" and "reflective case reviews last quarter" with the reviews the person may read, and
/// "audits in progress" with the audits and cases they may see, "learning days" with the practice learning days they may see, and "arrange an audit" with the QA team's form.
/// </summary>
public sealed class ReviewReplies
{
    public const string NotQaTeamText = "Audits are arranged by the QA team. Say \"audits in progress\" to see any cases allocated to you.";

    private readonly ReviewOverview _overview;
    private readonly AuditOverview _audits;
    private readonly AuditProgramme _programme;
    private readonly LearningDayProgramme _days;
    private readonly OrganisationPolicy _policy;

    public ReviewReplies(ReviewOverview overview, AuditOverview audits, AuditProgramme programme, LearningDayProgramme days, OrganisationPolicy policy)
    {
        _days = days ?? throw new ArgumentNullException(nameof(days));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _overview = overview ?? throw new ArgumentNullException(nameof(overview));
        _audits = audits ?? throw new ArgumentNullException(nameof(audits));
        _programme = programme ?? throw new ArgumentNullException(nameof(programme));
    }

    /// <summary>The "arrange an audit" form for the QA team; anyone else is told who arranges audits.</summary>
    public OutboundMessage ArrangeForm(Person person, DateOnly today)
    {
        if (!_programme.CanArrange(person, today))
        {
            return OutboundMessage.FromText(NotQaTeamText);
        }

        var card = AuditFormCardBuilder.BuildForm(today);
        return OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
    }

    public async Task<OutboundMessage> AuditsAsync(Person person, DateOnly today, CancellationToken cancellationToken)
    {
        var progress = await _audits.InProgressForAsync(person, today, cancellationToken).ConfigureAwait(false);
        var card = AuditProgressCardBuilder.Build(progress, today);
        return OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
    }

    /// <summary>
    /// "learning days": the days of the last twelve months and those planned that the person may see
    /// (<see cref="LearningDayAccess"/>), earliest first, with the follow-up visits tally for the QA team and leaders.
    /// </summary>
    public async Task<OutboundMessage> LearningDaysAsync(Person person, DateOnly today, CancellationToken cancellationToken)
    {
        var all = await _days.ListAsync(cancellationToken, after: today.AddYears(-1)).ConfigureAwait(false);
        var programme = AuditAccess.SeesProgramme(person, _policy, today);
        var shown = all.Where(v => LearningDayAccess.Sees(person, v.Day, _policy, today)).Reverse().ToList();
        var card = LearningDaysCardBuilder.Build(shown, _days.VisitTally(all, today), programme, today);
        return OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
    }

    public async Task<OutboundMessage> SummaryAsync(Person person, ReviewPeriod period, DateOnly today, CancellationToken cancellationToken)
    {
        var (from, to, label) = ReviewPeriods.Of(period, today);
        var summary = await _overview.SummariseAsync(person, from, to, today, cancellationToken).ConfigureAwait(false);
        var card = ReviewSummaryCardBuilder.Build(summary, label);
        return OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
    }
}
