using QaBot.Application.Organisation;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Testing.InMemory;

/// <summary>
/// <see cref="IDirectoryStore"/> in memory, with the table store's semantics: versioned areas and people, conditional
/// writes, UPN lookups and area and manager lookups for active people only, and an audit entry with every write.
/// </summary>
public sealed class InMemoryDirectoryStore : IDirectoryStore
{
    private readonly object _gate = new();
    private readonly Dictionary<AreaId, Versioned<Area>> _areas = [];
    private readonly Dictionary<PersonId, Versioned<Person>> _people = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly Dictionary<string, Absence> _absences = new(StringComparer.Ordinal);
    private readonly InMemoryVersions _versions = new();

    /// <summary>Calls made to <see cref="GetSnapshotAsync"/>: the whole-directory read that chat turns must not make.</summary>
    public int SnapshotReads { get; private set; }

    /// <summary>Fills the store with the areas and people, as a first import would (each with an audit entry).</summary>
    public static InMemoryDirectoryStore With(IEnumerable<Area> areas, IEnumerable<Person> people)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(people);
        var store = new InMemoryDirectoryStore();
        var origin = new AuditOrigin("test", "fixture");
        foreach (var area in areas)
        {
            var audit = new AuditEntry(DateTimeOffset.UnixEpoch, Actor.System("import"), "added", "area:" + area.Id, "added", origin);
            if (!store.SaveAreaAsync(area, null, audit).GetAwaiter().GetResult().Saved)
            {
                throw new ArgumentException($"Area {area.Id} is listed twice.", nameof(areas));
            }
        }

        foreach (var person in people)
        {
            var audit = new AuditEntry(DateTimeOffset.UnixEpoch, Actor.System("import"), "added", "person:" + person.Id, "added", origin);
            if (!store.SavePersonAsync(person, null, audit).GetAwaiter().GetResult().Saved)
            {
                throw new ArgumentException($"Person {person.Id} is listed twice, or shares a UPN with another active person.", nameof(people));
            }
        }

        return store;
    }

    public Task<Person?> GetPersonAsync(PersonId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_people.TryGetValue(id, out var person) ? person.Value : null);
        }
    }

    public Task<Person?> FindByUpnAsync(string upn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upn);
        lock (_gate)
        {
            return Task.FromResult(ActiveWithUpn(upn));
        }
    }

    public Task<AreaTree> GetAreasAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new AreaTree(_areas.Values.Select(a => a.Value).ToList()));
        }
    }

    public Task<IReadOnlyList<Person>> GetPeopleKeptAtAsync(AreaId area, CancellationToken cancellationToken = default) =>
        Members(p => p.Areas.Contains(area));

    public Task<IReadOnlyList<Person>> GetPeopleInAreaAsync(AreaId area, CancellationToken cancellationToken = default) =>
        Members(p => p.Areas.Any(a => a.IsWithin(area)));

    /// <summary>Active people placed in an area <paramref name="placed"/> accepts, by name.</summary>
    private Task<IReadOnlyList<Person>> Members(Func<Person, bool> placed)
    {
        lock (_gate)
        {
            IReadOnlyList<Person> people = _people.Values
                .Select(p => p.Value)
                .Where(p => p.Active && placed(p))
                .OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
                .ThenBy(p => p.Id.Value, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(people);
        }
    }

    public Task<IReadOnlyList<Person>> GetReportsAsync(PersonId manager, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Person> reports = _people.Values
                .Select(p => p.Value)
                .Where(p => p.Active && p.LineManager == manager)
                .OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
                .ThenBy(p => p.Id.Value, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(reports);
        }
    }

    public Task<DirectorySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            SnapshotReads++;
            return Task.FromResult(new DirectorySnapshot(
                _areas.Values.OrderBy(a => a.Value.Id.Value, StringComparer.Ordinal).ToList(),
                _people.Values.OrderBy(p => p.Value.Id.Value, StringComparer.Ordinal).ToList())
            {
                Absences = _absences.Values.OrderBy(a => a.From).ToList(),
            });
        }
    }

    public Task<WriteResult> SaveAreaAsync(Area area, string? expectedVersion, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            _areas.TryGetValue(area.Id, out var stored);
            if (stored?.Version != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _areas[area.Id] = new Versioned<Area>(area, version);
            _audit.Add(audit);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    public Task<WriteResult> SavePersonAsync(Person person, string? expectedVersion, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(audit);
        if (person.Areas.Count == 0)
        {
            throw new ArgumentException("A person works in at least one area.", nameof(person));
        }

        lock (_gate)
        {
            _people.TryGetValue(person.Id, out var stored);
            if (stored?.Version != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            if (person.Active && ActiveWithUpn(person.Upn) is { } holder && holder.Id != person.Id)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _people[person.Id] = new Versioned<Person>(person, version);
            _audit.Add(audit);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        var subject = "person:" + person.Value;
        lock (_gate)
        {
            IReadOnlyList<AuditEntry> trail = _audit.Where(a => a.Subject == subject).OrderBy(a => a.At).ToList();
            return Task.FromResult(trail);
        }
    }

    public Task<IReadOnlyList<Absence>> GetAbsencesAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Absence> absences = _absences.Values.Where(a => a.Person == person).OrderBy(a => a.From).ToList();
            return Task.FromResult(absences);
        }
    }

    public Task<IReadOnlyList<Absence>> ListAbsencesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Absence> absences = _absences.Values.OrderBy(a => a.From).ToList();
            return Task.FromResult(absences);
        }
    }

    public Task<WriteResult> AddAbsenceAsync(Absence absence, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(absence);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (!_absences.TryAdd(absence.Id, absence))
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            _audit.Add(audit);
            return Task.FromResult(WriteResult.SavedAs(_versions.Next()));
        }
    }

    public Task<WriteResult> RemoveAbsenceAsync(Absence absence, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(absence);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (!_absences.Remove(absence.Id))
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            _audit.Add(audit);
            return Task.FromResult(WriteResult.SavedAs(_versions.Next()));
        }
    }

    private Person? ActiveWithUpn(string upn) =>
        _people.Values.Select(p => p.Value).FirstOrDefault(p => p.Active && string.Equals(p.Upn, upn, StringComparison.OrdinalIgnoreCase));
}
