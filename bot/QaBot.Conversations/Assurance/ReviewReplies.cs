using QaBot.Application.Assurance;
using QaBot.Application.Conversations;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// Answers "themes this quarter" and "reflective case reviews last quarter" with the reviews the person may read, and
/// "audits in progress" with the audits and cases they may see.
/// </summary>
public sealed class ReviewReplies
{
    private readonly ReviewOverview _overview;
    private readonly AuditOverview _audits;

    public ReviewReplies(ReviewOverview overview, AuditOverview audits)
    {
        _overview = overview ?? throw new ArgumentNullException(nameof(overview));
        _audits = audits ?? throw new ArgumentNullException(nameof(audits));
    }

    public async Task<OutboundMessage> AuditsAsync(Person person, DateOnly today, CancellationToken cancellationToken)
    {
        var progress = await _audits.InProgressForAsync(person, today, cancellationToken).ConfigureAwait(false);
        var card = AuditProgressCardBuilder.Build(progress, today);
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
