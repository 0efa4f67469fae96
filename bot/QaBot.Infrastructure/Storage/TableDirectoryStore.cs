using Azure;
using Azure.Data.Tables;
using QaBot.Application.Organisation;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The directory in one partition of the Directory table, so that a person and all their lookup rows change together
/// in one transaction. Row keys:
/// <c>t|{area}</c> area; <c>p|{person}</c> person; <c>u|{upn}</c> UPN lookup; <c>m|{area}.|{person}</c> a copy of the
/// person under each area they work in; <c>r|{manager}|{person}</c> a copy under their line manager;
/// <c>l|{person}|{first day}</c> an absence; <c>a|{subject}|{ticks}|{n}</c> audit entries. Lookup rows exist only for
/// active people.
/// </summary>
public sealed class TableDirectoryStore : IDirectoryStore
{
    internal const string Partition = "directory";

    /// <summary>Areas are at <c>t|{area id}</c>.</summary>
    internal const string AreaPrefix = "t|";

    private readonly TableClient _table;

    public TableDirectoryStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Directory;
    }

    public async Task<Person?> GetPersonAsync(PersonId id, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Partition, PersonKey(id), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ReadPerson(entity);
    }

    public async Task<Person?> FindByUpnAsync(string upn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upn);
        var lookup = await TableQueries.FindAsync(_table, Partition, UpnKey(upn), cancellationToken).ConfigureAwait(false);
        if (lookup is null)
        {
            return null;
        }

        var person = await GetPersonAsync(new PersonId(lookup.Required("Person")), cancellationToken).ConfigureAwait(false);
        return person is { Active: true } && string.Equals(person.Upn, upn, StringComparison.OrdinalIgnoreCase) ? person : null;
    }

    public async Task<AreaTree> GetAreasAsync(CancellationToken cancellationToken = default)
    {
        var areas = await ReadAreasAsync(cancellationToken).ConfigureAwait(false);
        return new AreaTree(areas.Select(a => a.Value));
    }

    public Task<IReadOnlyList<Person>> GetPeopleInAreaAsync(AreaId area, CancellationToken cancellationToken = default) =>
        MembersAsync("m|" + Keys.AreaPartition(area), cancellationToken);

    public Task<IReadOnlyList<Person>> GetPeopleKeptAtAsync(AreaId area, CancellationToken cancellationToken = default) =>
        MembersAsync($"m|{Keys.AreaPartition(area)}|", cancellationToken);

    /// <summary>The people whose membership rows start with <paramref name="prefix"/>, each once, by name.</summary>
    private async Task<IReadOnlyList<Person>> MembersAsync(string prefix, CancellationToken cancellationToken)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, prefix), cancellationToken).ConfigureAwait(false);
        return entities
            .Select(ReadPerson)
            .DistinctBy(p => p.Id)
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(p => p.Id.Value, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<Person>> GetReportsAsync(PersonId manager, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, $"r|{manager.Value}|"), cancellationToken).ConfigureAwait(false);
        return entities.Select(ReadPerson).OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<DirectorySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var areas = await ReadAreasAsync(cancellationToken).ConfigureAwait(false);
        var people = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, "p|"), cancellationToken).ConfigureAwait(false);
        return new DirectorySnapshot(areas, people.Select(e => new Versioned<Person>(ReadPerson(e), e.ETag.ToString())).ToList())
        {
            Absences = await ListAbsencesAsync(cancellationToken).ConfigureAwait(false),
        };
    }

    public async Task<IReadOnlyList<Absence>> ListAbsencesAsync(CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, "l|"), cancellationToken).ConfigureAwait(false);
        return entities.Select(ReadAbsence).OrderBy(a => a.From).ToList();
    }

    public async Task<IReadOnlyList<Absence>> GetAbsencesAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, $"l|{person.Value}|"), cancellationToken).ConfigureAwait(false);
        return entities.Select(ReadAbsence).OrderBy(a => a.From).ToList();
    }

    public async Task<WriteResult> AddAbsenceAsync(Absence absence, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(absence);
        ArgumentNullException.ThrowIfNull(audit);
        var entity = new TableEntity(Partition, AbsenceKey(absence))
        {
            ["Person"] = absence.Person.Value,
            ["From"] = EntityValues.Text(absence.From),
            ["To"] = EntityValues.Text(absence.To),
            ["Cover"] = absence.Cover?.Value,
            ["RecordedBy"] = absence.RecordedBy.Value,
            ["RecordedAt"] = absence.RecordedAt,
        };
        return await SubmitAsync([new TableTransactionAction(TableTransactionActionType.Add, entity), AuditAction(audit)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> RemoveAbsenceAsync(Absence absence, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(absence);
        ArgumentNullException.ThrowIfNull(audit);
        var stored = await TableQueries.FindAsync(_table, Partition, AbsenceKey(absence), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return WriteResult.Conflict;
        }

        return await SubmitAsync([new TableTransactionAction(TableTransactionActionType.Delete, stored, stored.ETag), AuditAction(audit)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> SaveAreaAsync(Area area, string? expectedVersion, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(audit);
        var entity = new TableEntity(Partition, AreaKey(area.Id))
        {
            ["Area"] = area.Id.Value,
            ["Name"] = area.Name,
            ["Kind"] = area.Kind.ToString(),
            ["Retired"] = area.Retired,
        };
        var actions = new List<TableTransactionAction>
        {
            expectedVersion is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(expectedVersion)),
            AuditAction(audit),
        };

        return await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> SavePersonAsync(Person person, string? expectedVersion, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(audit);
        if (person.Areas.Count == 0)
        {
            throw new ArgumentException("A person works in at least one area.", nameof(person));
        }

        Person? before = null;
        if (expectedVersion is not null)
        {
            var stored = await TableQueries.FindAsync(_table, Partition, PersonKey(person.Id), cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.ETag.ToString() != expectedVersion)
            {
                return WriteResult.Conflict;
            }

            before = ReadPerson(stored);
        }

        var actions = new List<TableTransactionAction>();
        var primary = WritePerson(person, PersonKey(person.Id));
        actions.Add(expectedVersion is null
            ? new TableTransactionAction(TableTransactionActionType.Add, primary)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, primary, new ETag(expectedVersion)));

        var oldRows = before is { Active: true } ? LookupKeys(before) : [];
        var newRows = person.Active ? LookupKeys(person) : [];
        foreach (var key in oldRows.Where(k => !newRows.Contains(k)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, key), ETag.All));
        }

        if (person.Active)
        {
            var upnKey = UpnKey(person.Upn);
            if (!oldRows.Contains(upnKey))
            {
                // Another person's lookup row for this UPN: a clash with someone active, or a leftover to replace.
                var holder = await TableQueries.FindAsync(_table, Partition, upnKey, cancellationToken).ConfigureAwait(false);
                if (holder is not null && holder.Required("Person") != person.Id.Value)
                {
                    var other = await GetPersonAsync(new PersonId(holder.Required("Person")), cancellationToken).ConfigureAwait(false);
                    if (other is { Active: true } && string.Equals(other.Upn, person.Upn, StringComparison.OrdinalIgnoreCase))
                    {
                        return WriteResult.Conflict;
                    }
                }
            }

            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, upnKey) { ["Person"] = person.Id.Value }));
            foreach (var key in newRows.Where(k => k != upnKey))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, WritePerson(person, key)));
            }
        }

        actions.Add(AuditAction(audit));
        return await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, $"a|{Keys.Encode("person:" + person.Value)}|"), cancellationToken).ConfigureAwait(false);
        return entities.Select(AuditEntities.Read).ToList();
    }

    private async Task<WriteResult> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Value[0].Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (TableTransactionFailedException ex) when (TableQueries.IsConflict(ex))
        {
            return WriteResult.Conflict;
        }
    }

    private async Task<List<Versioned<Area>>> ReadAreasAsync(CancellationToken cancellationToken)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, AreaPrefix), cancellationToken).ConfigureAwait(false);
        return entities
            .Select(e => new Versioned<Area>(
                new Area(AreaId.Parse(e.Required("Area")), e.Required("Name"), Enum.Parse<AreaKind>(e.Required("Kind")), e.GetBoolean("Retired") ?? false),
                e.ETag.ToString()))
            .ToList();
    }

    private static TableTransactionAction AuditAction(AuditEntry audit) =>
        new(TableTransactionActionType.Add, AuditEntities.Write(Partition, $"a|{Keys.Encode(audit.Subject)}|{Keys.Ticks(audit.At)}|{Guid.NewGuid():N}", audit));

    private static HashSet<string> LookupKeys(Person person)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { UpnKey(person.Upn) };
        foreach (var area in person.Areas)
        {
            keys.Add($"m|{Keys.AreaPartition(area)}|{person.Id.Value}");
        }

        if (person.LineManager is { } manager)
        {
            keys.Add($"r|{manager.Value}|{person.Id.Value}");
        }

        return keys;
    }

    internal static string PersonKey(PersonId id) => "p|" + id.Value;

    private static string AbsenceKey(Absence absence) => $"l|{absence.Person.Value}|{EntityValues.Text(absence.From)}";

    private static Absence ReadAbsence(TableEntity e) => new(
        new PersonId(e.Required("Person")),
        e.RequiredDate("From"),
        e.RequiredDate("To"),
        e.Optional("Cover") is { } cover ? new PersonId(cover) : null,
        Actor.Parse(e.Required("RecordedBy")),
        e.RequiredInstant("RecordedAt"));

    private static string AreaKey(AreaId id) => AreaPrefix + id.Value;

    private static string UpnKey(string upn) => "u|" + Keys.Encode(upn.ToLowerInvariant());

    private static TableEntity WritePerson(Person person, string rowKey) => new(Partition, rowKey)
    {
        ["Person"] = person.Id.Value,
        ["Upn"] = person.Upn,
        ["DisplayName"] = person.DisplayName,
        ["JobTitle"] = person.JobTitle,
        ["Areas"] = string.Join(';', person.Areas.Select(a => a.Value)),
        ["Roles"] = EntityValues.Json(person.Roles.Select(r => new RoleRecord(r.Role.Value, r.Start, r.End)).ToList()),
        ["LineManager"] = person.LineManager?.Value,
        ["StartDate"] = EntityValues.Text(person.StartDate),
        ["Active"] = person.Active,
        ["LeftOn"] = EntityValues.Text(person.LeftOn),
        ["Source"] = person.Source,
    };

    private static Person ReadPerson(TableEntity e) => new(
        new PersonId(e.Required("Person")),
        e.Required("Upn"),
        e.Required("DisplayName"),
        e.GetString("JobTitle") ?? string.Empty,
        e.Required("Areas").Split(';').Select(AreaId.Parse).ToList(),
        e.RequiredJson<List<RoleRecord>>("Roles").Select(r => new RoleAssignment(new RoleId(r.Role), r.Start, r.End)).ToList(),
        e.Optional("LineManager") is { } manager ? new PersonId(manager) : null,
        e.RequiredDate("StartDate"),
        e.GetBoolean("Active") ?? false,
        e.OptionalDate("LeftOn"),
        e.Required("Source"));

    private sealed record RoleRecord(string Role, DateOnly Start, DateOnly? End);
}
