using Azure.Storage.Queues;
using QaBot.Application.Cases;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Governance;
using QaBot.Application.Installation;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Application.Tracking;
using QaBot.Infrastructure.Reminders;
using QaBot.Infrastructure.Storage;
using QaBot.Testing;
using QaBot.Testing.Contracts;

namespace QaBot.Infrastructure.Tests.Storage;

// The contract suites of QaBot.Testing run against the Azure Table (and Queue) stores on Azurite, each test on fresh tables.

[Trait("Category", "Storage")]
public sealed class TableTrackingStoreContractTests : TrackingStoreContract
{
    private readonly StorageContext _storage = new();

    protected override ITrackingStore Store => _storage.Tracking;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableComplianceModelContractTests : ComplianceModelContract
{
    private readonly StorageContext _storage = new();

    protected override ITrackingStore Tracking => _storage.Tracking;

    protected override IComplianceStore Compliance => _storage.Compliance;

    protected override int Iterations => 12;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableDirectoryStoreContractTests : DirectoryStoreContract
{
    private readonly StorageContext _storage = new();

    protected override IDirectoryStore Store => _storage.Directory;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableSendLedgerContractTests : SendLedgerContract
{
    private readonly StorageContext _storage = new();

    protected override ISendLedger Ledger => _storage.Ledger;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableReminderRunStoreContractTests : ReminderRunStoreContract
{
    private readonly StorageContext _storage = new();

    protected override IReminderRunStore Store => _storage.Runs;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableConversationReferenceStoreContractTests : ConversationReferenceStoreContract
{
    private readonly StorageContext _storage = new();

    protected override IConversationReferenceStore Store => _storage.Conversations;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableBoardMeetingStoreContractTests : BoardMeetingStoreContract
{
    private readonly StorageContext _storage = new();

    protected override IBoardMeetingStore Store => _storage.Meetings;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableCaseChainStoreContractTests : CaseChainStoreContract
{
    private readonly StorageContext _storage = new();

    protected override ICaseChainStore Store => _storage.Cases;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableAppInstallationStoreContractTests : AppInstallationStoreContract
{
    private readonly StorageContext _storage = new();

    protected override IAppInstallationStore Store => _storage.Installs;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableThrottleMarkerContractTests : ThrottleMarkerContract
{
    private readonly StorageContext _storage = new();

    protected override IThrottleMarker Marker => _storage.Throttle;

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class AzureDigestOutboxContractTests : DigestOutboxContract
{
    private readonly QueueServiceClient _service = new(Azurite.Instance.ConnectionString);
    private readonly string _queue = Azurite.UniqueName("q");
    private readonly AzureDigestOutbox _outbox;

    public AzureDigestOutboxContractTests() => _outbox = new AzureDigestOutbox(_service, _queue, _queue + "-poison");

    protected override IDigestOutbox Outbox => _outbox;

    protected override async Task GiveUpAsync(string text) =>
        await _service.GetQueueClient(_queue + "-poison").SendMessageAsync(text);

    public override async Task DisposeAsync()
    {
        await _service.GetQueueClient(_queue).DeleteIfExistsAsync();
        await _service.GetQueueClient(_queue + "-poison").DeleteIfExistsAsync();
    }
}

[Trait("Category", "Storage")]
public sealed class TableTeamChannelStoreContractTests : TeamChannelStoreContract
{
    private readonly StorageContext _storage = new();

    protected override ITeamChannelStore Store => new QaBot.Infrastructure.Storage.TableTeamChannelStore(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableReportLedgerContractTests : ReportLedgerContract
{
    private readonly StorageContext _storage = new();

    protected override QaBot.Application.Reports.IReportLedger Ledger => new QaBot.Infrastructure.Storage.TableReportLedger(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableGovernanceLogContractTests : GovernanceLogContract
{
    private readonly StorageContext _storage = new();

    protected override IGovernanceLog Log => new TableGovernanceLog(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableReviewStoreContractTests : ReviewStoreContract
{
    private readonly StorageContext _storage = new();

    protected override QaBot.Application.Assurance.IReviewStore Store => new QaBot.Infrastructure.Storage.TableReviewStore(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableRateWindowStoreContractTests : RateWindowStoreContract
{
    private readonly StorageContext _storage = new();

    protected override IRateWindowStore Store => new TableRateWindowStore(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableAuditStoreContractTests : AuditStoreContract
{
    private readonly StorageContext _storage = new();

    protected override QaBot.Application.Assurance.IAuditStore Store => new QaBot.Infrastructure.Storage.TableAuditStore(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableLearningDayStoreContractTests : LearningDayStoreContract
{
    private readonly StorageContext _storage = new();

    protected override QaBot.Application.Assurance.ILearningDayStore Store => new QaBot.Infrastructure.Storage.TableLearningDayStore(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}

[Trait("Category", "Storage")]
public sealed class TableProgrammeStoreContractTests : ProgrammeStoreContract
{
    private readonly StorageContext _storage = new();

    protected override QaBot.Application.Assurance.IProgrammeStore Store => new QaBot.Infrastructure.Storage.TableProgrammeStore(_storage.Tables);

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();
}
