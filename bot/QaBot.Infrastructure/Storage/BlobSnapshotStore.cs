using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using QaBot.Application.Governance;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Snapshots of every table in blob storage: <c>{prefix}/{snapshot}/{Table}.jsonl</c>, one row per line with each
/// property's Table Storage type, and <c>{prefix}/{snapshot}/manifest.json</c> written last. The format is in
/// docs/operations.md; restores go into empty tables only and keep every type (DateTime, Int32, Int64, Double,
/// Boolean, Guid, Binary, String).
/// </summary>
public sealed class BlobSnapshotStore : ISnapshotStore
{
    private const string ManifestName = "manifest.json";
    private const string Lines = ".jsonl";
    private const int TransactionSize = 100;

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly StorageTables _tables;
    private readonly BlobContainerClient _container;
    private readonly BackupOptions _options;
    private readonly TimeProvider _time;

    public BlobSnapshotStore(StorageTables tables, BlobServiceClient blobs, IOptions<BackupOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        _tables = tables;
        _options = options.Value;
        _container = blobs.GetBlobContainerClient(_options.Container);
        _time = time;
    }

    /// <summary>A snapshot's folder: this installation's (<c>{prefix}/{snapshot}/</c>), or another's when named in full (<c>QaBot/20261204-013000</c>, for a restore drill into a spare prefix).</summary>
    private string Folder(string snapshot) => snapshot.Contains('/', StringComparison.Ordinal) ? snapshot.TrimEnd('/') + "/" : $"{_tables.Prefix}/{snapshot}/";

    public async Task<SnapshotManifest> CreateAsync(string snapshot, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var manifestBlob = _container.GetBlobClient(Folder(snapshot) + ManifestName);
        if (await manifestBlob.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Snapshot {snapshot} already exists and is complete; a new snapshot needs a new id.");
        }

        var tables = new List<SnapshotTable>();
        foreach (var table in _tables.All)
        {
            tables.Add(await CopyTableAsync(snapshot, table, cancellationToken).ConfigureAwait(false));
        }

        var manifest = new SnapshotManifest(SnapshotManifest.CurrentFormat, snapshot, startedAt, _time.GetUtcNow(), tables);

        // Last, and only if absent: a snapshot is complete exactly when its manifest exists.
        await manifestBlob.UploadAsync(BinaryData.FromObjectAsJson(manifest, ManifestJson), overwrite: false, cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    public async Task<IReadOnlyList<SnapshotSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!await _container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var files = new Dictionary<string, int>(StringComparer.Ordinal);
        var manifests = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _tables.Prefix + "/", cancellationToken).ConfigureAwait(false))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length != 3)
            {
                continue;
            }

            files[parts[1]] = files.GetValueOrDefault(parts[1]) + 1;
            if (parts[2] == ManifestName)
            {
                manifests.Add(parts[1]);
            }
        }

        var summaries = new List<SnapshotSummary>();
        foreach (var (snapshot, count) in files)
        {
            var manifest = manifests.Contains(snapshot) ? await ReadManifestAsync(snapshot, cancellationToken).ConfigureAwait(false) : null;
            summaries.Add(new SnapshotSummary(snapshot, manifest, count));
        }

        return summaries.OrderByDescending(s => s.Snapshot, StringComparer.Ordinal).ToList();
    }

    public async Task<RestoreOutcome> RestoreAsync(string snapshot, string? table, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        if (snapshot.Count(c => c == '/') > 1 || snapshot.StartsWith('/'))
        {
            return RestoreOutcome.Refused($"'{snapshot}' is not a snapshot: give its id (20261204-013000), or another installation's as PREFIX/ID.");
        }

        var manifest = await _container.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? await ReadManifestAsync(snapshot, cancellationToken).ConfigureAwait(false)
            : null;
        if (manifest is null)
        {
            var anyFile = await _container.ExistsAsync(cancellationToken).ConfigureAwait(false)
                && await AnyBlobAsync(Folder(snapshot), cancellationToken).ConfigureAwait(false);
            return RestoreOutcome.Refused(anyFile
                ? $"Snapshot {snapshot} is incomplete (it has no manifest: the backup stopped before the end), so it cannot be restored. Choose a complete one from qabot backup list."
                : $"There is no snapshot {snapshot} in container {_options.Container} for tables {_tables.Prefix}. qabot backup list shows those there are.");
        }

        if (manifest.Format != SnapshotManifest.CurrentFormat)
        {
            return RestoreOutcome.Refused($"Snapshot {snapshot} is in format {manifest.Format}; this version of QaBot restores format {SnapshotManifest.CurrentFormat} only.");
        }

        var chosen = manifest.Tables.Where(t => table is null || string.Equals(t.Table, table, StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            return RestoreOutcome.Refused($"Snapshot {snapshot} has no table '{table}'. Its tables: {string.Join(", ", manifest.Tables.Select(t => t.Table))}.");
        }

        // Everything is checked before anything is written: each file against its manifest, each target table empty.
        foreach (var entry in chosen)
        {
            var (rows, sha) = await HashFileAsync(snapshot, entry.Table, cancellationToken).ConfigureAwait(false);
            if (rows != entry.Rows || !string.Equals(sha, entry.Sha256, StringComparison.Ordinal))
            {
                return RestoreOutcome.Refused($"Snapshot {snapshot}: {entry.Table}{Lines} does not match its manifest ({rows} rows, checksum {sha[..12]}; the manifest says {entry.Rows} rows, checksum {entry.Sha256[..Math.Min(12, entry.Sha256.Length)]}). Nothing was restored.");
            }
        }

        var notEmpty = new List<string>();
        foreach (var entry in chosen)
        {
            var target = _tables.Service.GetTableClient(_tables.Prefix + entry.Table);
            await target.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            if (await HasRowsAsync(target, cancellationToken).ConfigureAwait(false))
            {
                notEmpty.Add(target.Name);
            }
        }

        if (notEmpty.Count > 0)
        {
            return RestoreOutcome.Refused(
                $"Restore goes into empty tables only, and {string.Join(", ", notEmpty)} {(notEmpty.Count == 1 ? "has" : "have")} rows. Nothing was restored. " +
                "Restore one damaged table with --table after deleting it, or restore everything into a new Storage:TablePrefix.");
        }

        var restored = new List<SnapshotTable>();
        foreach (var entry in chosen)
        {
            var target = _tables.Service.GetTableClient(_tables.Prefix + entry.Table);
            await WriteRowsAsync(snapshot, entry.Table, target, cancellationToken).ConfigureAwait(false);
            var counted = await CountAsync(target, cancellationToken).ConfigureAwait(false);
            if (counted != entry.Rows)
            {
                return new RestoreOutcome(restored, $"{target.Name} has {counted} rows after the restore but snapshot {snapshot} has {entry.Rows}: check it before using QaBot.");
            }

            restored.Add(entry with { Rows = counted });
        }

        return new RestoreOutcome(restored, null);
    }

    private async Task<SnapshotTable> CopyTableAsync(string snapshot, TableClient table, CancellationToken cancellationToken)
    {
        var name = table.Name[_tables.Prefix.Length..];
        var blob = _container.GetBlobClient(Folder(snapshot) + name + Lines);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        await using (var stream = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>();
            await foreach (var entity in ReadAllAsync(table, cancellationToken).ConfigureAwait(false))
            {
                buffer.ResetWrittenCount();
                SnapshotRows.Write(buffer, entity);
                buffer.Write("\n"u8);
                hash.AppendData(buffer.WrittenSpan);
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                rows++;
            }
        }

        return new SnapshotTable(name, rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private async IAsyncEnumerable<TableEntity> ReadAllAsync(TableClient table, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AsyncPageable<TableEntity> pages;
        try
        {
            pages = table.QueryAsync<TableEntity>(maxPerPage: _options.PageSize, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            yield break;
        }

        var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
                {
                    // A table never created (a feature not used yet) is copied as empty.
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> AnyBlobAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var _ in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    private async Task<SnapshotManifest?> ReadManifestAsync(string snapshot, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(Folder(snapshot) + ManifestName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<SnapshotManifest>(ManifestJson);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<(long Rows, string Sha256)> HashFileAsync(string snapshot, string table, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        await foreach (var line in ReadLinesAsync(snapshot, table, cancellationToken).ConfigureAwait(false))
        {
            hash.AppendData(line);
            hash.AppendData("\n"u8);
            rows++;
        }

        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private async Task WriteRowsAsync(string snapshot, string table, TableClient target, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>(TransactionSize);
        await foreach (var line in ReadLinesAsync(snapshot, table, cancellationToken).ConfigureAwait(false))
        {
            var entity = SnapshotRows.Read(line);
            if (batch.Count == TransactionSize || (batch.Count > 0 && batch[0].Entity.PartitionKey != entity.PartitionKey))
            {
                await target.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
        }

        if (batch.Count > 0)
        {
            await target.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<byte[]> ReadLinesAsync(string snapshot, string table, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(Folder(snapshot) + table + Lines);
        await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return Encoding.UTF8.GetBytes(line);
        }
    }

    private static async Task<bool> HasRowsAsync(TableClient table, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            if (page.Values.Count > 0)
            {
                return true;
            }

            if (page.ContinuationToken is null)
            {
                return false;
            }
        }

        return false;
    }

    private static async Task<long> CountAsync(TableClient table, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }
}
