using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using QaBot.Application.Governance;
using QaBot.Core.Governance;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The person index (docs/storage.md, "PersonIndex"): for each person, the rows of every table that named them when the
/// index was last brought up to date, so a subject access export reads those rows, and the rows written since, rather
/// than every table whole.
/// <list type="bullet">
/// <item>An entry: partition the person's object id, row <c>{table}|{hash of the row's keys}</c>, with the row's table
/// and keys. An export passes over an entry whose row has gone or no longer names the person; the tidying below
/// removes it.</item>
/// <item>The marks each person was indexed by (a hash of UPN and name), in partition <c>!marks</c>: a person whose marks
/// are not there, or differ, has every table read whole for them at the next pass, and until then is found without the
/// index.</item>
/// <item>The state (<c>!</c>/<c>state</c>): <c>Through</c>, the instant by the table service's clock before which every
/// row written has been indexed, <c>Slice</c>, the sixteenth of the index the next pass tidies, and <c>Holder</c>, the
/// pass or erasure holding the index (one at a time). A pass sets <c>Through</c> last, so one that stops part-way
/// leaves it as it was and the next does the same work again; writing an entry twice changes nothing.</item>
/// </list>
/// Each pass also tidies one sixteenth of the index (the people whose object id starts with the slice's hex digit), so
/// every entry is checked once in sixteen passes: an entry whose row has gone (retention, a closed item's working copy)
/// or no longer names the person goes, and so does everything indexed for someone no longer in the directory.
/// </summary>
internal sealed class TablePersonIndex
{
    public const string StatePartition = "!";
    public const string StateRow = "state";
    public const string MarksPartition = "!marks";

    private const string ClockRow = "clock";
    private const string HolderProperty = "Holder";

    /// <summary>How long a hold lasts if its pass or erasure stops without letting go.</summary>
    internal static readonly TimeSpan LeaseTime = TimeSpan.FromHours(3);

    /// <summary>The slices the index is tidied in, one a pass: one per first hex digit of an object id.</summary>
    private const string Slices = "0123456789abcdef";

    /// <summary>
    /// How far before the pass's start its <c>Through</c> is set, unless told otherwise: a row the service stamped just
    /// before the pass began but had not yet committed when it was read is then read again by the next pass, or by an
    /// export.
    /// </summary>
    internal static readonly TimeSpan DefaultMargin = TimeSpan.FromMinutes(5);

    /// <summary>Entries each read holds before they are written, a partition's to a transaction.</summary>
    private const int Pending = 10_000;

    /// <summary>Reads made at once by a pass.</summary>
    private const int Reads = TablePersonalRecords.DefaultParallelism;

    private readonly StorageTables _tables;
    private readonly TimeSpan _margin;

    /// <param name="margin">How far before its start a pass sets <c>Through</c> (<see cref="DefaultMargin"/>).</param>
    public TablePersonIndex(StorageTables tables, TimeSpan margin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero);
        _tables = tables;
        _margin = margin;
    }

    private TableClient Index => _tables.PersonIndex;

    /// <summary>The instant up to which every row is indexed, or null when the index has never been built.</summary>
    public async Task<DateTimeOffset?> ThroughAsync(CancellationToken cancellationToken) =>
        (await TableQueries.FindAsync(Index, StatePartition, StateRow, cancellationToken).ConfigureAwait(false))?.GetDateTimeOffset("Through");

    public async Task<PersonIndexUpdate> UpdateAsync(IReadOnlyCollection<PersonMarks> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var lease = await HoldAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var update = await UpdateAsync(people, lease, cancellationToken).ConfigureAwait(false);
            lease = null;
            return update;
        }
        finally
        {
            if (lease is not null)
            {
                await ReleaseAsync(lease).ConfigureAwait(false);
            }
        }
    }

    private async Task<PersonIndexUpdate> UpdateAsync(IReadOnlyCollection<PersonMarks> people, Lease lease, CancellationToken cancellationToken)
    {
        var through = lease.State.GetDateTimeOffset("Through");
        var slice = Math.Clamp(lease.State.GetInt32("Slice") ?? 0, 0, Slices.Length - 1);
        var started = lease.Started;
        var indexed = await MarksAsync(cancellationToken).ConfigureAwait(false);
        var afresh = people.Where(p => !string.Equals(indexed.GetValueOrDefault(Partition(p.Id)), Hash(p), StringComparison.Ordinal)).ToList();
        var everyone = new PeopleMatcher(people);
        var renamed = new PeopleMatcher(afresh);
        var whole = through is null || afresh.Count > 0;

        var scans = whole
            ? await TableScan.WholeAsync(_tables, _tables.All, Reads, cancellationToken).ConfigureAwait(false)
            : _tables.All.Select((table, order) => new TableScan(table, order, TableClient.CreateQueryFilter($"Timestamp ge {through!.Value}"))).ToList();
        long read = 0;
        long entries = 0;
        await Parallel.ForEachAsync(
            scans,
            new ParallelOptions { MaxDegreeOfParallelism = Reads, CancellationToken = cancellationToken },
            async (scan, token) =>
            {
                var writer = new EntryWriter(Index);
                var table = _tables.ShortName(scan.Table);
                long scanned = 0;
                await foreach (var entity in scan.Table.QueryAsync<TableEntity>(scan.Filter, maxPerPage: 1000, cancellationToken: token).ConfigureAwait(false))
                {
                    scanned++;
                    var fresh = through is null || entity.Timestamp >= through;
                    foreach (var person in Named(fresh ? everyone : renamed, entity))
                    {
                        await writer.AddAsync(Entry(person, table, entity), token).ConfigureAwait(false);
                    }
                }

                await writer.FlushAsync(token).ConfigureAwait(false);
                Interlocked.Add(ref read, scanned);
                Interlocked.Add(ref entries, writer.Written);
            }).ConfigureAwait(false);

        var marks = new EntryWriter(Index);
        foreach (var person in afresh)
        {
            await marks.AddAsync(new TableEntity(MarksPartition, Partition(person.Id)) { ["Marks"] = Hash(person) }, cancellationToken).ConfigureAwait(false);
        }

        await marks.FlushAsync(cancellationToken).ConfigureAwait(false);

        // Someone not in the directory now is indexed afresh if they come back: rows written meanwhile were not indexed for them.
        var known = people.Select(p => Partition(p.Id)).ToHashSet(StringComparer.Ordinal);
        var forgotten = indexed.Keys.Where(k => !known.Contains(k)).Select(k => (ITableEntity)new TableEntity(MarksPartition, k)).ToList();
        await TableQueries.DeleteEachAsync(Index, forgotten, cancellationToken).ConfigureAwait(false);
        var removed = await TidyAsync(Slices[slice], people, cancellationToken).ConfigureAwait(false);
        var now = started - _margin;
        try
        {
            await Index.UpdateEntityAsync(
                new TableEntity(StatePartition, StateRow) { ["Through"] = now, ["Slice"] = (slice + 1) % Slices.Length, [HolderProperty] = string.Empty },
                lease.ETag,
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            throw new InvalidOperationException($"Table {Index.Name}: this pass held the person index for longer than {LeaseTime.TotalHours:0} hours and another took it over; that one completes the index.", ex);
        }

        return new PersonIndexUpdate(read, entries, afresh.Count, whole, now, removed);
    }

    /// <summary>
    /// Removes the entries of the people whose partition starts with <paramref name="slice"/> that no longer lead to a
    /// row naming them, and all the entries of anyone there who is no longer in the directory. Safe beside
    /// writers: a row changed after it is checked here is newer than the pass's start, so exports and the next pass
    /// read it anyway.
    /// </summary>
    private async Task<long> TidyAsync(char slice, IReadOnlyCollection<PersonMarks> people, CancellationToken cancellationToken)
    {
        var known = people.ToDictionary(p => Partition(p.Id), StringComparer.Ordinal);
        var byName = _tables.All.ToDictionary(_tables.ShortName, StringComparer.Ordinal);
        var range = TableClient.CreateQueryFilter($"PartitionKey ge {slice.ToString()} and PartitionKey lt {((char)(slice + 1)).ToString()}");
        var gone = new List<ITableEntity>();
        foreach (var partition in (await TableQueries.ListAsync(Index, range, cancellationToken).ConfigureAwait(false)).GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            if (!known.TryGetValue(partition.Key, out var person))
            {
                gone.AddRange(partition);
                continue;
            }

            var matches = person.Matcher();
            foreach (var group in partition.GroupBy(e => e.GetString("Table"), StringComparer.Ordinal))
            {
                var rows = byName.TryGetValue(group.Key ?? string.Empty, out var table)
                    ? await TableQueries.FindEachAsync(table, group.Select(e => (e.GetString("Partition"), e.GetString("Row"))), cancellationToken).ConfigureAwait(false)
                    : [];
                var naming = rows.Where(r => TablePersonalRecords.Names(r, matches)).Select(r => (r.PartitionKey, r.RowKey)).ToHashSet();
                gone.AddRange(group.Where(e => !naming.Contains((e.GetString("Partition"), e.GetString("Row")))));
            }
        }

        await TableQueries.DeleteEachAsync(Index, gone, cancellationToken).ConfigureAwait(false);
        return gone.Count;
    }

    /// <summary>
    /// The rows that name the person, read through the index (each entry's row, then every row written since the index
    /// was last complete); or null when the index cannot answer for them (never built, or they are new to it or have a
    /// new UPN or name since its last pass) and every table must be read.
    /// </summary>
    public async Task<IndexedRows?> FindAsync(PersonMarks person, Func<TableEntity, bool> names, CancellationToken cancellationToken)
    {
        if (await ThroughAsync(cancellationToken).ConfigureAwait(false) is not { } through)
        {
            return null;
        }

        var key = Partition(person.Id);
        var marks = await TableQueries.FindAsync(Index, MarksPartition, key, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(marks?.GetString("Marks"), Hash(person), StringComparison.Ordinal))
        {
            return null;
        }

        var byName = _tables.All.ToDictionary(_tables.ShortName, StringComparer.Ordinal);
        var found = new Dictionary<(string Table, string Partition, string Row), (TableClient Table, TableEntity Entity)>();
        var entries = await TableQueries.ListAsync(Index, TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken).ConfigureAwait(false);
        foreach (var group in entries.GroupBy(e => e.GetString("Table") ?? string.Empty, StringComparer.Ordinal))
        {
            if (!byName.TryGetValue(group.Key, out var table))
            {
                continue;
            }

            var rows = await TableQueries.FindEachAsync(table, group.Select(e => (e.GetString("Partition"), e.GetString("Row"))), cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(names))
            {
                found[(table.Name, row.PartitionKey, row.RowKey)] = (table, row);
            }
        }

        // What was written since the last pass: newer than any entry, so it takes the place of what the entries read.
        var since = TableClient.CreateQueryFilter($"Timestamp ge {through}");
        var written = new ConcurrentBag<(TableClient Table, TableEntity Entity)>();
        await Parallel.ForEachAsync(
            _tables.All,
            new ParallelOptions { MaxDegreeOfParallelism = Reads, CancellationToken = cancellationToken },
            async (table, token) =>
            {
                await foreach (var row in table.QueryAsync<TableEntity>(since, maxPerPage: 1000, cancellationToken: token).ConfigureAwait(false))
                {
                    if (names(row))
                    {
                        written.Add((table, row));
                    }
                }
            }).ConfigureAwait(false);
        foreach (var (table, row) in written)
        {
            found[(table.Name, row.PartitionKey, row.RowKey)] = (table, row);
        }

        return new IndexedRows(through, [.. found.Values]);
    }

    /// <summary>The index's partition for a person: their object id in lower case.</summary>
    internal static string Partition(PersonId person) => person.Value.ToLowerInvariant();

    /// <summary>The people a row names, by its keys and text properties.</summary>
    private static HashSet<PersonId> Named(PeopleMatcher matcher, TableEntity entity)
    {
        var named = new HashSet<PersonId>();
        matcher.Collect(entity.PartitionKey, named);
        matcher.Collect(entity.RowKey, named);
        foreach (var value in entity.Select(p => p.Value).OfType<string>())
        {
            matcher.Collect(value, named);
        }

        return named;
    }

    private static TableEntity Entry(PersonId person, string table, TableEntity row) =>
        new(Partition(person), table + "|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row.PartitionKey + "\n" + row.RowKey)), 0, 16))
        {
            ["Table"] = table,
            ["Partition"] = row.PartitionKey,
            ["Row"] = row.RowKey,
        };

    /// <summary>A hash of the marks a person is indexed by, so the index holds no one's UPN or name.</summary>
    private static string Hash(PersonMarks person) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(person.Upn.ToLowerInvariant() + "\n" + person.DisplayName)));

    /// <summary>
    /// Takes the index for a pass or an erasure: marks the state row as held (conditional on what was read) and reads back
    /// the time the table service gave it, the holder's start by its clock. Refused while someone else holds it, unless
    /// their hold is older than <see cref="LeaseTime"/> (a pass that stopped without letting go).
    /// </summary>
    internal async Task<Lease> HoldAsync(CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid().ToString("N");
        var state = await TableQueries.FindAsync(Index, StatePartition, StateRow, cancellationToken).ConfigureAwait(false);
        if (state?.GetString(HolderProperty) is { Length: > 0 } && state.Timestamp is { } since && since + LeaseTime > await ServiceNowAsync(cancellationToken).ConfigureAwait(false))
        {
            throw Busy(since);
        }

        try
        {
            var stamp = new TableEntity(StatePartition, StateRow) { [HolderProperty] = holder };
            if (state is null)
            {
                await Index.AddEntityAsync(stamp, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Index.UpdateEntityAsync(stamp, state.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw Busy(null);
        }

        var held = (await Index.GetEntityAsync<TableEntity>(StatePartition, StateRow, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (held.GetString(HolderProperty) != holder || held.Timestamp is not { } started)
        {
            throw Busy(null);
        }

        return new Lease(held, held.ETag, started);
    }

    /// <summary>Lets go of the index without changing how far it is complete; a lease already taken over is left alone.</summary>
    internal async Task ReleaseAsync(Lease lease)
    {
        try
        {
            await Index.UpdateEntityAsync(new TableEntity(StatePartition, StateRow) { [HolderProperty] = string.Empty }, lease.ETag, TableUpdateMode.Merge, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over after it expired: the new holder lets go.
        }
    }

    /// <summary>
    /// Records that an erasure has written every row naming <paramref name="pseudonym"/> (all newer than any pass's
    /// <c>Through</c>), so the next pass indexes them as written since, without reading every table for the pseudonym.
    /// </summary>
    internal Task RecordErasedAsync(PersonMarks pseudonym, CancellationToken cancellationToken) =>
        Index.UpsertEntityAsync(new TableEntity(MarksPartition, Partition(pseudonym.Id)) { ["Marks"] = Hash(pseudonym) }, TableUpdateMode.Replace, cancellationToken);

    private InvalidOperationException Busy(DateTimeOffset? since) => new(
        $"Table {Index.Name}: the person index is held by another pass or erasure{(since is { } at ? $" (since {at:yyyy-MM-dd HH:mm} UTC)" : string.Empty)}. Run this again when it has finished; a hold left by a stopped run lapses after {LeaseTime.TotalHours:0} hours.");

    /// <summary>The table service's time now: the timestamp it gives a row written for the purpose.</summary>
    private async Task<DateTimeOffset> ServiceNowAsync(CancellationToken cancellationToken)
    {
        await Index.UpsertEntityAsync(new TableEntity(StatePartition, ClockRow), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var row = (await Index.GetEntityAsync<TableEntity>(StatePartition, ClockRow, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        return row.Timestamp ?? throw new InvalidOperationException($"Table {Index.Name}: row {StatePartition}/{ClockRow} has no timestamp.");
    }

    private async Task<Dictionary<string, string>> MarksAsync(CancellationToken cancellationToken)
    {
        var rows = await TableQueries.ListAsync(Index, TableClient.CreateQueryFilter($"PartitionKey eq {MarksPartition}"), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.RowKey, r => r.GetString("Marks") ?? string.Empty, StringComparer.Ordinal);
    }

    /// <summary>Upserts entries a partition's hundred to a transaction, holding up to <see cref="Pending"/> between writes.</summary>
    private sealed class EntryWriter(TableClient table)
    {
        private readonly Dictionary<string, Dictionary<string, TableEntity>> _pending = new(StringComparer.Ordinal);
        private int _count;

        public long Written { get; private set; }

        public async Task AddAsync(TableEntity entry, CancellationToken cancellationToken)
        {
            if (!_pending.TryGetValue(entry.PartitionKey, out var partition))
            {
                _pending[entry.PartitionKey] = partition = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            }

            if (partition.TryAdd(entry.RowKey, entry) && ++_count >= Pending)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            foreach (var batch in _pending.Values.SelectMany(p => p.Values.Chunk(TableQueries.MaxTransaction)))
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken).ConfigureAwait(false);
                Written += batch.Length;
            }

            _pending.Clear();
            _count = 0;
        }
    }
}

/// <summary>A hold on the person index: the state row as taken (its ETag guards every later write) and when, by the service's clock.</summary>
internal sealed record Lease(TableEntity State, ETag ETag, DateTimeOffset Started);

/// <summary>What the index found for a person: the rows, and the instant the index was complete to.</summary>
internal sealed record IndexedRows(DateTimeOffset Through, List<(TableClient Table, TableEntity Entity)> Rows);
