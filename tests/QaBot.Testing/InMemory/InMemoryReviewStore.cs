using System.Collections.Concurrent;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Testing.InMemory;

/// <summary>The in-memory twin of the review store: passes the same contract as the Table store.</summary>
public sealed class InMemoryReviewStore : IReviewStore
{
    private readonly ConcurrentDictionary<OccurrenceId, ReflectiveCaseReview> _reviews = new();
    private readonly ConcurrentDictionary<OccurrenceId, List<AuditEntry>> _audit = new();

    public int Writes { get; private set; }

    public Task<bool> AddAsync(ReflectiveCaseReview review, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        lock (_reviews)
        {
            if (!_reviews.TryAdd(review.Item, review))
            {
                return Task.FromResult(false);
            }

            _audit.GetOrAdd(review.Item, _ => []).Add(audit);
            Writes++;
            return Task.FromResult(true);
        }
    }

    public Task<ReflectiveCaseReview?> GetAsync(OccurrenceId item, CancellationToken cancellationToken = default) =>
        Task.FromResult(_reviews.TryGetValue(item, out var review) ? review : null);

    public Task<IReadOnlyList<ReflectiveCaseReview>> ListAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReflectiveCaseReview>>([.. _reviews.Values.Where(r => r.HeldOn >= first && r.HeldOn <= last).OrderBy(r => r.HeldOn).ThenBy(r => r.Item.Value, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OccurrenceId item, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(_audit.TryGetValue(item, out var list) ? [.. list] : []);
}
