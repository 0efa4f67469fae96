using Azure.Data.Tables;
using QaBot.Application.Governance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Reads the audit rows of the Items table (<c>a|{occurrence}|{version}</c> in the owner's home area) and of the
/// Directory partition (<c>a|{subject}|{ticks}|{n}</c>). Which reads take a key range and which must filter across
/// partitions, and why, is in docs/storage.md ("Reading the audit trail").
/// </summary>
public sealed class TableAuditTrail : IAuditTrail
{
    private const string AuditRows = "a|";

    private readonly StorageTables _tables;

    public TableAuditTrail(StorageTables tables)
    {
        _tables = tables;
    }

    public async Task<IReadOnlyList<AuditRecord>> GetForItemAsync(OccurrenceId item, AuditPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);

        // Every partition: an item that moved with its owner left its earlier audit rows in the old team's partition.
        var prefix = ItemEntities.HistoryPrefix('a', item);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {Keys.UpperBound(prefix)}") + During(period);
        return await ReadItemsAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditRecord>> GetForPersonAsync(PersonId person, AreaId? homeArea, AuditPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var found = new Dictionary<(string, string), AuditRecord>();

        // Their record in the directory: one key range, narrowed by time (the row key carries the ticks).
        var subject = $"a|{Keys.Encode("person:" + person.Value)}|";
        var from = period.From is { } f ? subject + Keys.Ticks(f) : subject;
        var to = period.To is { } t ? subject + Keys.Ticks(t) : Keys.UpperBound(subject);
        foreach (var record in await ReadDirectoryAsync(TableQueries.Range(TableDirectoryStore.Partition, from, to), cancellationToken).ConfigureAwait(false))
        {
            found[Key(record)] = record;
        }

        // What they did anywhere: the actor is a property, not a key, so this filters every partition on the server.
        var actor = "person:" + person.Value;
        var acted = TableClient.CreateQueryFilter($"RowKey ge {AuditRows} and RowKey lt {Keys.UpperBound(AuditRows)} and Actor eq {actor}") + During(period);
        foreach (var record in await ReadItemsAsync(acted, cancellationToken).ConfigureAwait(false))
        {
            found[Key(record)] = record;
        }

        // Their own items, kept in their home area's partition, and those about them (supervisions of them), kept in
        // their manager's: a team manager shares their team's area, a head of service or director sits in an area above.
        for (var area = homeArea; area is { } at; area = at.Parent)
        {
            var partition = ItemEntities.Partition(at);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {AuditRows} and RowKey lt {Keys.UpperBound(AuditRows)}") + During(period);
            foreach (var record in await ReadItemsAsync(filter, cancellationToken).ConfigureAwait(false))
            {
                if (Names(record, person))
                {
                    found[Key(record)] = record;
                }
            }
        }

        return found.Values.OrderBy(r => r.Entry.At).ToList();
    }

    public async Task<IReadOnlyList<AuditRecord>> GetForAreaAsync(AreaId area, AuditPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);

        // The area's partitions and those below it are one partition key range ("A." up to "A/").
        var partition = Keys.AreaPartition(area);
        var items = TableClient.CreateQueryFilter(
            $"PartitionKey ge {partition} and PartitionKey lt {Keys.UpperBound(partition)} and RowKey ge {AuditRows} and RowKey lt {Keys.UpperBound(AuditRows)}") + During(period);
        var records = await ReadItemsAsync(items, cancellationToken).ConfigureAwait(false);

        // The area's own record and its sub-areas' in the directory: two key ranges.
        var own = $"a|{Keys.Encode("area:" + area.Value)}|";
        var below = $"a|{Keys.Encode("area:" + area.Value + AreaId.Separator)}";
        var directory = new List<AuditRecord>();
        foreach (var prefix in new[] { own, below })
        {
            directory.AddRange(await ReadDirectoryAsync(TableQueries.Prefix(TableDirectoryStore.Partition, prefix) + During(period), cancellationToken).ConfigureAwait(false));
        }

        return records.Concat(directory).OrderBy(r => r.Entry.At).ToList();
    }

    private async Task<List<AuditRecord>> ReadItemsAsync(string filter, CancellationToken cancellationToken)
    {
        var entities = await TableQueries.ListAsync(_tables.Items, filter, cancellationToken).ConfigureAwait(false);
        return entities
            .Where(e => e.GetString("Kind") == "audit")
            .Select(e => new AuditRecord(AuditEntities.Read(e), AuditRecord.Items, AreaId.TryParse(e.PartitionKey.TrimEnd(AreaId.Separator), out var area) ? area : null))
            .ToList();
    }

    private async Task<List<AuditRecord>> ReadDirectoryAsync(string filter, CancellationToken cancellationToken)
    {
        var entities = await TableQueries.ListAsync(_tables.Directory, filter, cancellationToken).ConfigureAwait(false);
        return entities
            .Where(e => e.GetString("Kind") == "audit")
            .Select(e => new AuditRecord(AuditEntities.Read(e), AuditRecord.Directory, null))
            .ToList();
    }

    /// <summary>The period as a server-side filter on the entries' typed <c>At</c> property.</summary>
    private static string During(AuditPeriod period) =>
        (period.From is { } from ? " and " + TableClient.CreateQueryFilter($"At ge {from}") : string.Empty)
        + (period.To is { } to ? " and " + TableClient.CreateQueryFilter($"At lt {to}") : string.Empty);

    /// <summary>True when the entry is about an item whose occurrence id names the person (as its owner or the person it concerns).</summary>
    private static bool Names(AuditRecord record, PersonId person)
    {
        const string item = "item:";
        if (!record.Entry.Subject.StartsWith(item, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = record.Entry.Subject[item.Length..].Split(OccurrenceId.Separator);
        return parts.Length >= 3 && parts.Skip(2).Contains(person.Value, StringComparer.Ordinal);
    }

    private static (string, string) Key(AuditRecord record) =>
        (record.Source + record.Area?.Value, $"{record.Entry.Subject}|{record.Entry.At.UtcTicks}|{record.Entry.Action}|{record.Entry.Actor}");
}
