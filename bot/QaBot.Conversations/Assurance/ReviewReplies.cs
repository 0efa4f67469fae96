using QaBot.Application.Assurance;
using QaBot.Application.Conversations;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Assurance;

/// <summary>Answers "themes this quarter" and "reflective case reviews last quarter" with the reviews the person may read.</summary>
public sealed class ReviewReplies
{
    private readonly ReviewOverview _overview;

    public ReviewReplies(ReviewOverview overview) => _overview = overview ?? throw new ArgumentNullException(nameof(overview));

    public async Task<OutboundMessage> SummaryAsync(Person person, ReviewPeriod period, DateOnly today, CancellationToken cancellationToken)
    {
        var (from, to, label) = ReviewPeriods.Of(period, today);
        var summary = await _overview.SummariseAsync(person, from, to, today, cancellationToken).ConfigureAwait(false);
        var card = ReviewSummaryCardBuilder.Build(summary, label);
        return OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
    }
}
