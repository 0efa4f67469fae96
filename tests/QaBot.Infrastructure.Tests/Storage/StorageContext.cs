using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Infrastructure.Reminders;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Storage;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>Fresh tables in the test Azurite for one test class, with the repositories over them and a read counter.</summary>
public sealed class StorageContext : IAsyncLifetime
{
    public StorageContext()
    {
        var storage = new TestStorage();
        Counter = storage.Counter;
        Tables = new StorageTables(storage.Service, storage.Prefix);
        Directory = new TableDirectoryStore(Tables);
        Tracking = new TableTrackingStore(Tables, TimeProvider.System, NullLogger<TableTrackingStore>.Instance);
        Conversations = new TableConversationReferenceStore(Tables);
        Meetings = new TableBoardMeetingStore(Tables);
        Cases = new TableCaseChainStore(Tables);
        Ledger = new TableSendLedger(Tables);
        Runs = new TableReminderRunStore(Tables);
        Throttle = new TableThrottleMarker(Tables);
        Installs = new TableAppInstallationStore(Tables);
        Compliance = new TableComplianceStore(Tables);
    }

    public TableComplianceStore Compliance { get; }

    public EntityCounter Counter { get; }

    public StorageTables Tables { get; }

    public TableDirectoryStore Directory { get; }

    public TableTrackingStore Tracking { get; }

    public TableConversationReferenceStore Conversations { get; }

    public TableBoardMeetingStore Meetings { get; }

    public TableCaseChainStore Cases { get; }

    public TableSendLedger Ledger { get; }

    public TableReminderRunStore Runs { get; }

    public TableThrottleMarker Throttle { get; }

    public TableAppInstallationStore Installs { get; }

    public Task InitializeAsync() => new StorageInitializer(Tables, NullLogger<StorageInitializer>.Instance).InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var table in Tables.All.Append(Tables.Erasures).Append(Tables.PersonIndex))
        {
            await table.DeleteAsync();
        }
    }
}
