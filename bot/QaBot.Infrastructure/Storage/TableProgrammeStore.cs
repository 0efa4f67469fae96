using System.Globalization;
using Azure.Data.Tables;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// People's annual programmes in the Assurance table, one partition each (<c>programme|{year}|{person}|{duty}</c>, so a
/// year's or a person's programmes are one range): row <c>h</c> for whose programme it is, <c>e|{number}</c> for each
/// entry and <c>a|{ticks}|{guid}</c> for its audit trail. Every entry is one transaction with its audit row.
/// </summary>
public sealed class TableProgrammeStore : IProgrammeStore
{
    private const string PartitionPrefix = "programme|";
    private const string EntryPrefix = "e|";

    private readonly TableClient _table;

    public TableProgrammeStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Assurance;
    }

    public async Task<bool> AddEntryAsync(ProgrammeKey key, ProgrammeEntry entry, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(audit);
        var partitions = Year(key.Year);
        var id = Id(key);
        var partition = partitions.Partition(id);
        if (await TableQueries.FindAsync(_table, partition, TrailedPartitions.Header, cancellationToken).ConfigureAwait(false) is null)
        {
            // The first entry starts the programme; two first entries at once conflict on the header and one writes nothing.
            return await partitions.AddAsync(WriteHeader(partition, key), [WriteEntry(partition, entry)], audit, cancellationToken).ConfigureAwait(false);
        }

        // A second entry with the same number conflicts on its Add, and the transaction writes nothing.
        return await TableQueries.AddTogetherAsync(
            _table,
            [new TableTransactionAction(TableTransactionActionType.Add, WriteEntry(partition, entry)), new TableTransactionAction(TableTransactionActionType.Add, TrailedPartitions.AuditRow(partition, audit))],
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<Programme?> GetAsync(ProgrammeKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await Year(key.Year).GetAsync(Id(key), cancellationToken).ConfigureAwait(false) is { } found ? Read(found.Header, found.Rows) : null;
    }

    // The entry rows ("e|...") sort after the audit trail's ("a|..."), which the list does not need.
    public async Task<IReadOnlyList<Programme>> ListAsync(int year, PersonId? person = null, CancellationToken cancellationToken = default)
    {
        var partitions = person is { } who ? new TrailedPartitions(_table, Prefix(year) + who.Value + "|") : Year(year);
        return [.. (await partitions.ListAsync(EntryPrefix, cancellationToken).ConfigureAwait(false))
            .Select(found => Read(found.Header, found.Rows))
            .OrderBy(p => p.Key.Person.Value, StringComparer.Ordinal).ThenBy(p => p.Key.Duty.Value, StringComparer.Ordinal)];
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ProgrammeKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Year(key.Year).TrailAsync(Id(key), cancellationToken);
    }

    private static string Prefix(int year) => PartitionPrefix + year.ToString("D4", CultureInfo.InvariantCulture) + "|";

    private TrailedPartitions Year(int year) => new(_table, Prefix(year));

    private static string Id(ProgrammeKey key) => key.Person.Value + "|" + key.Duty.Value;

    private static TableEntity WriteHeader(string partition, ProgrammeKey key) => new(partition, TrailedPartitions.Header)
    {
        ["Person"] = key.Person.Value,
        ["Duty"] = key.Duty.Value,
        ["Year"] = key.Year,
    };

    private static TableEntity WriteEntry(string partition, ProgrammeEntry e) =>
        new(partition, EntryPrefix + e.Number.ToString("D3", CultureInfo.InvariantCulture))
        {
            ["Number"] = e.Number,
            ["What"] = e.What,
            ["When"] = e.When.Text,
            ["AddedBy"] = e.AddedBy.Value,
            ["AddedAt"] = e.AddedAt,
        };

    private static Programme Read(TableEntity header, IEnumerable<TableEntity> rows) => new(
        new ProgrammeKey(new PersonId(header.Required("Person")), new DutyId(header.Required("Duty")), header.RequiredInt("Year")),
        [.. rows.Where(r => r.RowKey.StartsWith(EntryPrefix, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(ReadEntry)]);

    private static ProgrammeEntry ReadEntry(TableEntity e) => new(
        e.RequiredInt("Number"),
        e.Required("What"),
        ProgrammeWhen.TryParse(e.Required("When"), out var when) ? when : throw new InvalidDataException($"Programme entry {e.PartitionKey}/{e.RowKey}: When '{e.GetString("When")}' is not a month or a date."),
        Actor.Parse(e.Required("AddedBy")),
        e.RequiredInstant("AddedAt"));
}
