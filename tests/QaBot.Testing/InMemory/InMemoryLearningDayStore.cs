using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Tracking;

namespace QaBot.Testing.InMemory;

/// <summary>The in-memory twin of the practice learning day store: passes the same contract as the Table store.</summary>
public sealed class InMemoryLearningDayStore : ILearningDayStore
{
    private readonly Dictionary<string, LearningDay> _days = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AuditEntry>> _trail = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> AddAsync(LearningDay day, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(day);
        lock (_gate)
        {
            if (!_days.TryAdd(day.Id, day with { Activities = [.. day.Activities.OrderBy(a => a.Number)] }))
            {
                return Task.FromResult(false);
            }

            _trail[day.Id] = [entry];
            return Task.FromResult(true);
        }
    }

    public Task<LearningDay?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_days.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<LearningDay>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<LearningDay>>([.. _days.Values.OrderByDescending(d => d.Date).ThenBy(d => d.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> AddActivityAsync(string id, LearningActivity activity, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            if (!_days.TryGetValue(id, out var day) || day.Activities.Any(a => a.Number == activity.Number))
            {
                return Task.FromResult(false);
            }

            _days[id] = day with { Activities = [.. day.Activities.Append(activity).OrderBy(a => a.Number)] };
            _trail[id].Add(entry);
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetOutcomeAsync(string id, LearningDayOutcome outcome, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            if (!_days.TryGetValue(id, out var day) || day.Outcome is not null)
            {
                return Task.FromResult(false);
            }

            _days[id] = day with { Outcome = outcome };
            _trail[id].Add(entry);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_trail.TryGetValue(id, out var list) ? [.. list] : []);
        }
    }
}
