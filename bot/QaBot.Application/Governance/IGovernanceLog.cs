using QaBot.Core.Tracking;

namespace QaBot.Application.Governance;

/// <summary>
/// The record of every look at the records and every copy taken of them: each audit query, backup and restore, with
/// who, when, what was asked and how many records, never the records themselves. Append-only, like the audit trail.
/// </summary>
public interface IGovernanceLog
{
    Task RecordAsync(GovernanceLook look, CancellationToken cancellationToken = default);

    /// <summary>The looks recorded in the period, oldest first.</summary>
    Task<IReadOnlyList<GovernanceLook>> ListAsync(AuditPeriod period, CancellationToken cancellationToken = default);
}

/// <summary>
/// One look: <paramref name="Action"/> is <c>audit-query</c>, <c>audit-looks</c>, <c>backup-create</c>,
/// <c>backup-restore</c>,
/// <c>subject-access</c>, <c>erasure</c>, <c>retention-preview</c>, <c>retention-apply</c>, <c>storage-migrate</c>; <paramref name="Asked"/> is what was asked in ids and dates (<c>person:{object id} from
/// 2026-06-01</c>), never names or contents; <paramref name="Count"/> how many records it returned or copied.
/// </summary>
public sealed record GovernanceLook(DateTimeOffset At, Actor Actor, string Action, string Asked, long Count, AuditOrigin Origin)
{
    public const string AuditQuery = "audit-query";
    public const string AuditLooks = "audit-looks";
    public const string BackupCreate = "backup-create";
    public const string BackupRestore = "backup-restore";
    public const string SubjectAccess = "subject-access";
    public const string Erasure = "erasure";
    public const string RetentionPreview = "retention-preview";
    public const string RetentionApply = "retention-apply";
    public const string StorageMigrate = "storage-migrate";
}
