namespace QaBot.Application.Storage;

/// <summary>
/// One step that brings tables written by an older version of QaBot up to date (<c>qabot storage migrate</c>). Each is
/// idempotent: run again, or after a stop part-way, it finds what is left and changes only that, so a second run
/// reports nothing changed. A dry run counts what it would change and writes nothing.
/// </summary>
public interface IStorageMigration
{
    /// <summary>The storage version this step brings the tables to: 1 for the first, then one more for each.</summary>
    int Version { get; }

    /// <summary>What the step does, in a line (<c>Outstanding copies move out of the Items table</c>).</summary>
    string Title { get; }

    Task<MigrationStep> ApplyAsync(bool dryRun, CancellationToken cancellationToken = default);
}

/// <summary>What one step changed (or, in a dry run, would change): <paramref name="Changed"/> rows, described in <paramref name="Summary"/>.</summary>
public sealed record MigrationStep(int Version, string Title, long Changed, string Summary);

/// <summary>The storage version the tables were last brought up to; 0 when none is recorded (a new installation, or one older than the record).</summary>
public interface IStorageVersionStore
{
    Task<int> GetAsync(CancellationToken cancellationToken = default);

    Task SetAsync(int version, CancellationToken cancellationToken = default);
}
