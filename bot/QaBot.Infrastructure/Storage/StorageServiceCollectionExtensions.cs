using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Application.Cases;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Governance;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation;
using QaBot.Application.Reports;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;

namespace QaBot.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure Table Storage repositories behind Core's storage ports, the table and queue service clients
    /// (from Storage:ConnectionString, or managed identity when Storage:TableServiceUri is set) and table creation at
    /// start-up. Nothing connects until first use.
    /// </summary>
    public static IServiceCollection AddQaBotStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(sp => CreateTableServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(sp => CreateQueueServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(sp => new StorageTables(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));

        services.TryAddSingleton<IStorageInitializer, StorageInitializer>();
        services.AddHostedService<StorageStartup>();

        services.TryAddSingleton<IDirectoryStore, TableDirectoryStore>();
        services.TryAddSingleton<ITrackingStore, TableTrackingStore>();
        services.TryAddSingleton<IComplianceStore, TableComplianceStore>();
        services.TryAddSingleton<IConversationReferenceStore, TableConversationReferenceStore>();
        services.TryAddSingleton<IBoardMeetingStore, TableBoardMeetingStore>();
        services.TryAddSingleton<ICaseChainStore, TableCaseChainStore>();
        services.TryAddSingleton<ISendLedger, TableSendLedger>();
        services.TryAddSingleton<ITeamChannelStore, TableTeamChannelStore>();
        services.TryAddSingleton<IReportLedger, TableReportLedger>();
        services.TryAddSingleton<QaBot.Application.Assurance.IReviewStore, TableReviewStore>();
        services.TryAddSingleton<QaBot.Application.Assurance.IAuditStore, TableAuditStore>();
        services.TryAddSingleton<QaBot.Application.Assurance.ILearningDayStore, TableLearningDayStore>();
        services.TryAddSingleton<QaBot.Application.Assurance.IProgrammeStore, TableProgrammeStore>();
        services.TryAddSingleton<IAuditTrail, TableAuditTrail>();
        services.TryAddSingleton<IGovernanceLog, TableGovernanceLog>();
        services.TryAddSingleton<IPersonalRecords, TablePersonalRecords>();
        services.TryAddSingleton<IErasureRegister, TableErasureRegister>();
        services.TryAddSingleton<IRetentionStore, TableRetentionStore>();
        services.TryAddSingleton<IStorageVersionStore, TableStorageVersion>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageMigration, OutstandingTableMigration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageMigration, SendLedgerPartitionMigration>());

        services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>());
        services.TryAddSingleton(sp => CreateBlobServiceClient(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<BackupOptions>>().Value));
        services.TryAddSingleton<ISnapshotStore, BlobSnapshotStore>();
        return services;
    }

    internal static TableServiceClient CreateTableServiceClient(StorageOptions options, TableClientOptions? clientOptions = null) =>
        options.TableServiceUri is { } uri
            ? new TableServiceClient(uri, Credential(options), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);

    internal static QueueServiceClient CreateQueueServiceClient(StorageOptions options, QueueClientOptions? clientOptions = null) =>
        options.QueueServiceUri is { } uri
            ? new QueueServiceClient(uri, Credential(options), clientOptions)
            : new QueueServiceClient(options.ConnectionString, clientOptions);

    internal static BlobServiceClient CreateBlobServiceClient(StorageOptions storage, BackupOptions backup, BlobClientOptions? clientOptions = null) =>
        backup.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, Credential(storage), clientOptions)
            : new BlobServiceClient(storage.ConnectionString, clientOptions);

    private static DefaultAzureCredential Credential(StorageOptions options)
    {
        // Left alone, the options pick up AZURE_CLIENT_ID (the app's user-assigned identity); only a setting overrides it.
        var credentialOptions = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            credentialOptions.ManagedIdentityClientId = options.ManagedIdentityClientId;
        }

        return new DefaultAzureCredential(credentialOptions);
    }
}
