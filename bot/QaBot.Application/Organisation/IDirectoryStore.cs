using QaBot.Application.Storage;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Application.Organisation;

/// <summary>
/// The staff directory: areas, people, their roles and line managers. Reads for a single person or an area are
/// key lookups or key ranges; <see cref="GetSnapshotAsync"/> reads everything and is for background work only.
/// </summary>
public interface IDirectoryStore
{
    Task<Person?> GetPersonAsync(PersonId id, CancellationToken cancellationToken = default);

    /// <summary>An active person by user principal name (case does not matter).</summary>
    Task<Person?> FindByUpnAsync(string upn, CancellationToken cancellationToken = default);

    /// <summary>The area tree, retired areas included (they are kept so history still reads).</summary>
    Task<AreaTree> GetAreasAsync(CancellationToken cancellationToken = default);

    /// <summary>Active people working anywhere in the area's subtree, each once.</summary>
    Task<IReadOnlyList<Person>> GetPeopleInAreaAsync(AreaId area, CancellationToken cancellationToken = default);

    /// <summary>Active people working in the area itself, not in the areas below it: for the root, the department's leaders.</summary>
    Task<IReadOnlyList<Person>> GetPeopleKeptAtAsync(AreaId area, CancellationToken cancellationToken = default);

    /// <summary>Active people whose line manager is <paramref name="manager"/>.</summary>
    Task<IReadOnlyList<Person>> GetReportsAsync(PersonId manager, CancellationToken cancellationToken = default);

    /// <summary>Everything, with versions: for imports, directory sync, scheduling and escalation, not for a chat turn.</summary>
    Task<DirectorySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates an area. <paramref name="expectedVersion"/> null means create (a conflict if it exists);
    /// otherwise the update applies only if the area is still at that version.
    /// </summary>
    Task<WriteResult> SaveAreaAsync(Area area, string? expectedVersion, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates a person together with their lookup entries and an audit entry, in one transaction.
    /// <paramref name="expectedVersion"/> null means create (a conflict if they exist, or if another active person has
    /// the same UPN); otherwise the update applies only if the record is still at that version.
    /// </summary>
    Task<WriteResult> SavePersonAsync(Person person, string? expectedVersion, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The directory's audit entries about one person, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(PersonId person, CancellationToken cancellationToken = default);

    /// <summary>The person's recorded absences, earliest first (also in <see cref="GetSnapshotAsync"/>).</summary>
    Task<IReadOnlyList<Absence>> GetAbsencesAsync(PersonId person, CancellationToken cancellationToken = default);

    /// <summary>Everyone's recorded absences, earliest first: one small read, for the escalation and cover rules.</summary>
    Task<IReadOnlyList<Absence>> ListAbsencesAsync(CancellationToken cancellationToken = default);

    /// <summary>Records an absence with its audit entry (about the person away), in one transaction; a conflict when one starting the same day is already recorded.</summary>
    Task<WriteResult> AddAbsenceAsync(Absence absence, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Removes a recorded absence with its audit entry, in one transaction; a conflict when it is not recorded.</summary>
    Task<WriteResult> RemoveAbsenceAsync(Absence absence, AuditEntry audit, CancellationToken cancellationToken = default);
}
