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
using QaBot.Testing.Contracts;
using QaBot.Testing.InMemory;

namespace QaBot.Application.Tests.Storage;

// The contract suites of QaBot.Testing run against the in-memory stores, proving them twins of the table stores.

[Trait("Category", "Fast")]
public sealed class InMemoryTrackingStoreContractTests : TrackingStoreContract
{
    protected override ITrackingStore Store { get; } = new InMemoryTrackingStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryDirectoryStoreContractTests : DirectoryStoreContract
{
    protected override IDirectoryStore Store { get; } = new InMemoryDirectoryStore();
}

[Trait("Category", "Fast")]
public sealed class InMemorySendLedgerContractTests : SendLedgerContract
{
    protected override ISendLedger Ledger { get; } = new InMemorySendLedger();
}

[Trait("Category", "Fast")]
public sealed class InMemoryReminderRunStoreContractTests : ReminderRunStoreContract
{
    protected override IReminderRunStore Store { get; } = new InMemoryReminderRunStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryConversationReferenceStoreContractTests : ConversationReferenceStoreContract
{
    protected override IConversationReferenceStore Store { get; } = new InMemoryConversationReferenceStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryBoardMeetingStoreContractTests : BoardMeetingStoreContract
{
    protected override IBoardMeetingStore Store { get; } = new InMemoryBoardMeetingStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryCaseChainStoreContractTests : CaseChainStoreContract
{
    protected override ICaseChainStore Store { get; } = new InMemoryCaseChainStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryAppInstallationStoreContractTests : AppInstallationStoreContract
{
    protected override IAppInstallationStore Store { get; } = new InMemoryAppInstallationStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryThrottleMarkerContractTests : ThrottleMarkerContract
{
    protected override IThrottleMarker Marker { get; } = new InMemoryThrottleMarker();
}

[Trait("Category", "Fast")]
public sealed class InMemoryDigestOutboxContractTests : DigestOutboxContract
{
    private readonly InMemoryDigestOutbox _outbox = new();

    protected override IDigestOutbox Outbox => _outbox;

    protected override Task GiveUpAsync(string text)
    {
        _outbox.GiveUp(text, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        return Task.CompletedTask;
    }
}

[Trait("Category", "Fast")]
public sealed class InMemoryComplianceModelContractTests : ComplianceModelContract
{
    private readonly InMemoryTrackingStore _tracking = new();

    public InMemoryComplianceModelContractTests() => Compliance = new InMemoryComplianceStore(_tracking);

    protected override ITrackingStore Tracking => _tracking;

    protected override IComplianceStore Compliance { get; }
}

[Trait("Category", "Fast")]
public sealed class InMemoryTeamChannelStoreContractTests : TeamChannelStoreContract
{
    protected override ITeamChannelStore Store { get; } = new InMemoryTeamChannelStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryReportLedgerContractTests : ReportLedgerContract
{
    protected override QaBot.Application.Reports.IReportLedger Ledger { get; } = new InMemoryReportLedger();
}

[Trait("Category", "Fast")]
public sealed class InMemoryGovernanceLogContractTests : GovernanceLogContract
{
    protected override IGovernanceLog Log { get; } = new InMemoryGovernanceLog();
}

[Trait("Category", "Fast")]
public sealed class InMemoryReviewStoreContractTests : ReviewStoreContract
{
    protected override QaBot.Application.Assurance.IReviewStore Store { get; } = new InMemoryReviewStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryRateWindowStoreContractTests : RateWindowStoreContract
{
    protected override IRateWindowStore Store { get; } = new InMemoryRateWindowStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryAuditStoreContractTests : AuditStoreContract
{
    protected override QaBot.Application.Assurance.IAuditStore Store { get; } = new InMemoryAuditStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryLearningDayStoreContractTests : LearningDayStoreContract
{
    protected override QaBot.Application.Assurance.ILearningDayStore Store { get; } = new InMemoryLearningDayStore();
}

[Trait("Category", "Fast")]
public sealed class InMemoryProgrammeStoreContractTests : ProgrammeStoreContract
{
    protected override QaBot.Application.Assurance.IProgrammeStore Store { get; } = new InMemoryProgrammeStore();
}
