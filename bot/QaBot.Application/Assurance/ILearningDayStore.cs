using QaBot.Core.Assurance;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>The department's practice learning days, each kept with its own audit trail, every change written with its entry.</summary>
public interface ILearningDayStore
{
    /// <summary>Adds the day and its audit entry together; false, writing nothing, when the id is already kept.</summary>
    Task<bool> AddAsync(LearningDay day, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The day with its activities and outcome; null when there is no day with that id.</summary>
    Task<LearningDay?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every day, latest first.</summary>
    Task<IReadOnlyList<LearningDay>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps an activity with its audit entry; false, writing nothing, when the day is not kept or already holds an
    /// activity with that number (another recording got there first: read the day again and number the next).
    /// </summary>
    Task<bool> AddActivityAsync(string id, LearningActivity activity, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Records the day as held or cancelled with its audit entry; false, writing nothing, when it already has an outcome or is not kept.</summary>
    Task<bool> SetOutcomeAsync(string id, LearningDayOutcome outcome, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The day's trail, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken = default);
}
