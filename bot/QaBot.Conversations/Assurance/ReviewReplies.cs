using QaBot.Application.Assurance;
using QaBot.Application.Conversations;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// Answers "themes this quarter" and "reflective case reviews last quarter" with the reviews the person may read, and
/// "audits in progress" with the audits and cases they may see.
/// </summary>
public sealed class ReviewReplies
{
    private readonly ReviewOverview _overview;
    private readonly AuditProgramme _audits;
    private readonly OrganisationPolicy _policy;

    public ReviewReplies(ReviewOverview overview, AuditProgramme audits, OrganisationPolicy policy)
    {
        _overview = overview ?? throw new ArgumentNullException(nameof(overview));
        _audits = audits ?? throw new ArgumentNullException(nameof(audits));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    public async Task<OutboundMessage> AuditsAsync(Person person, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var views = await _audits.InProgressAsync(cancellationToken).ConfigureAwait(false);
        var programme = AuditAccess.SeesProgramme(person, _policy, today);
        var visible = views
            .Select(v => (View: v, Own: (IReadOnlyList<AuditCaseView>)[.. v.Cases.Where(c => AuditAccess.OwnCases(person, v.Audit).Contains(c.Case))]))
            .Where(v => programme || v.Own.Count > 0)
            .ToList();
        var card = AuditProgressCardBuilder.Build(visible, programme, today);
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
