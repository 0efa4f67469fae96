using QaBot.Core.Organisation;

namespace QaBot.Core.Tracking;

/// <summary>Items to take from one owner's home area to another owner's (or the same owner's new) home area.</summary>
public sealed record ItemTransfer(
    TransferKind Kind,
    PersonId From,
    AreaId FromArea,
    Person To,
    DateTimeOffset At,
    Actor Actor,
    AuditOrigin Origin);
