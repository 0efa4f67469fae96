using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>People's annual programmes of visits and meetings, each kept with its own audit trail, every entry written with its audit entry.</summary>
public interface IProgrammeStore
{
    /// <summary>
    /// Keeps the entry with its audit entry, starting the programme with its first; false, writing nothing, when the
    /// programme already holds an entry with that number (another addition got there first: read it again and number the next).
    /// </summary>
    Task<bool> AddEntryAsync(ProgrammeKey key, ProgrammeEntry entry, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The programme with its entries in number order; null when nothing has been planned in it.</summary>
    Task<Programme?> GetAsync(ProgrammeKey key, CancellationToken cancellationToken = default);

    /// <summary>Every programme of the year (only <paramref name="person"/>'s when given), by person then duty.</summary>
    Task<IReadOnlyList<Programme>> ListAsync(int year, PersonId? person = null, CancellationToken cancellationToken = default);

    /// <summary>The programme's trail, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ProgrammeKey key, CancellationToken cancellationToken = default);
}
