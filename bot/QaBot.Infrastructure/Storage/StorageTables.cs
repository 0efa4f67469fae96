using Azure.Data.Tables;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// QaBot's tables, each named with the configured prefix. Building one makes no network call; tables are created by
/// <see cref="StorageInitializer"/>. See docs/storage.md for what each holds and how it is keyed.
/// </summary>
public sealed class StorageTables
{
    public StorageTables(TableServiceClient service, string prefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Service = service;
        Prefix = prefix;
        Directory = service.GetTableClient(prefix + "Directory");
        Items = service.GetTableClient(prefix + "Items");
        Outstanding = service.GetTableClient(prefix + "Outstanding");
        Reminders = service.GetTableClient(prefix + "Reminders");
        Conversations = service.GetTableClient(prefix + "Conversations");
        Meetings = service.GetTableClient(prefix + "Meetings");
        SendLedger = service.GetTableClient(prefix + "SendLedger");
        Scheduler = service.GetTableClient(prefix + "Scheduler");
        Compliance = service.GetTableClient(prefix + "Compliance");
        Cases = service.GetTableClient(prefix + "Cases");
        Governance = service.GetTableClient(prefix + "Governance");
        Erasures = service.GetTableClient(prefix + "Erasures");
        Assurance = service.GetTableClient(prefix + "Assurance");
        PersonIndex = service.GetTableClient(prefix + "PersonIndex");
    }

    public TableServiceClient Service { get; }

    public string Prefix { get; }

    /// <summary>Areas, people and their lookups, and the directory's audit log: one partition.</summary>
    public TableClient Directory { get; }

    /// <summary>Tracked items with their replies, nudges and audit log, partitioned by the owner's home area.</summary>
    public TableClient Items { get; }

    /// <summary>A copy of every outstanding item by area and due date: the small table "my tasks" and "overdue in my area" read.</summary>
    public TableClient Outstanding { get; }

    /// <summary>Planned reminders by the hour (UTC) they go out.</summary>
    public TableClient Reminders { get; }

    public TableClient Conversations { get; }

    public TableClient Meetings { get; }

    public TableClient SendLedger { get; }

    /// <summary>The reminder run's state, its runs, and the shared "throttled until" marker.</summary>
    public TableClient Scheduler { get; }

    /// <summary>The compliance model: counts per duty by team-level area and month.</summary>
    public TableClient Compliance { get; }

    /// <summary>The cases' statutory chains: one partition per case reference, one row per rule.</summary>
    public TableClient Cases { get; }

    /// <summary>The governance log: every audit query, backup and restore, one row each (who, when, what, how many).</summary>
    public TableClient Governance { get; }

    /// <summary>
    /// The erasure register: the pseudonym of everyone erased. Not one of <see cref="All"/>: snapshots never copy it and
    /// a restore never replaces it, so erasures made after a backup can be applied again once it is restored.
    /// </summary>
    public TableClient Erasures { get; }

    /// <summary>
    /// The person index: for each person, the rows of the other tables that named them when it was last brought up to
    /// date (<see cref="TablePersonIndex"/>). Not one of <see cref="All"/>: it is made from them, so snapshots never copy
    /// it, and rows a restore writes are found without it until the next pass indexes them.
    /// </summary>
    public TableClient PersonIndex { get; }

    /// <summary>The name of a table without this installation's prefix (<c>Items</c>).</summary>
    public string ShortName(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Name[Prefix.Length..];
    }

    /// <summary>Quality assurance records: reflective case reviews with their audit rows, one partition.</summary>
    public TableClient Assurance { get; }

    public IReadOnlyList<TableClient> All => [Directory, Items, Outstanding, Reminders, Conversations, Meetings, SendLedger, Scheduler, Compliance, Cases, Governance, Assurance];
}
