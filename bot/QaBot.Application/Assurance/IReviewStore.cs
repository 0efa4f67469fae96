using QaBot.Core.Assurance;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>The reflective case review records, one per review item, each written with its audit entry.</summary>
public interface IReviewStore
{
    /// <summary>
    /// Adds the review and its audit entry together, unless a review for the same item is already kept: then nothing
    /// is written and the result is false (a second submission of the same form).
    /// </summary>
    Task<bool> AddAsync(ReflectiveCaseReview review, AuditEntry audit, CancellationToken cancellationToken = default);

    Task<ReflectiveCaseReview?> GetAsync(OccurrenceId item, CancellationToken cancellationToken = default);

    /// <summary>Reviews held from <paramref name="first"/> to <paramref name="last"/> (inclusive), earliest first.</summary>
    Task<IReadOnlyList<ReflectiveCaseReview>> ListAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default);

    /// <summary>The review's audit trail, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OccurrenceId item, CancellationToken cancellationToken = default);
}

/// <summary>The message that tells a practitioner their work was reviewed, with the learning (and the judgement unless the council hides it).</summary>
public interface IReviewRenderer
{
    Application.Conversations.OutboundMessage RenderLearning(ReviewLearning learning);
}

/// <param name="Judgement">Null when the council hides the judgement from practitioners.</param>
/// <param name="Actions">The actions with their owners' names.</param>
public sealed record ReviewLearning(ReflectiveCaseReview Review, string ReviewerName, string? Judgement, IReadOnlyList<(ReviewAction Action, string OwnerName)> Actions);
