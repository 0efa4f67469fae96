namespace QaBot.Application.Governance;

/// <summary>
/// Copies of QaBot's tables kept in blob storage: a snapshot is one JSON-lines file per table (every row, every typed
/// property) and, written last, a manifest of counts. A snapshot without its manifest is incomplete and never restored.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Copies every table into a new snapshot with this id; the manifest is written only after every table's file.</summary>
    Task<SnapshotManifest> CreateAsync(string snapshot, DateTimeOffset startedAt, CancellationToken cancellationToken = default);

    /// <summary>Every snapshot under this installation's prefix, newest first, complete or not.</summary>
    Task<IReadOnlyList<SnapshotSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Restores a complete snapshot (every table, or just <paramref name="table"/>) into tables that are empty or missing,
    /// then counts the rows again. Refuses, writing nothing, when the snapshot is incomplete, a file does not match its
    /// manifest, the table is unknown, or a target table has rows.
    /// </summary>
    Task<RestoreOutcome> RestoreAsync(string snapshot, string? table, CancellationToken cancellationToken = default);
}

/// <summary>What a snapshot holds: the format, when it was taken, and each table's row count and file checksum.</summary>
public sealed record SnapshotManifest(int Format, string Snapshot, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, IReadOnlyList<SnapshotTable> Tables)
{
    public const int CurrentFormat = 1;

    public long Rows => Tables.Sum(t => t.Rows);
}

/// <summary>One table in a snapshot: its name without the installation's prefix (<c>Items</c>), rows, and the SHA-256 of its file.</summary>
public sealed record SnapshotTable(string Table, long Rows, string Sha256);

/// <summary>A snapshot as listed: complete (with its manifest) or not.</summary>
public sealed record SnapshotSummary(string Snapshot, SnapshotManifest? Manifest, int Files)
{
    public bool IsComplete => Manifest is not null;
}

/// <summary>A restore's result: the tables and rows restored and counted again, or why nothing was written.</summary>
public sealed record RestoreOutcome(IReadOnlyList<SnapshotTable> Restored, string? Problem)
{
    public static RestoreOutcome Refused(string problem) => new([], problem);

    public long Rows => Restored.Sum(t => t.Rows);
}
