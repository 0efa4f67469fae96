using QaBot.Core.Assurance;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>The audits the QA team arranges, each kept with its own audit trail, every change written with its entry.</summary>
public interface IAuditStore
{
    /// <summary>Adds the audit, its cases and its audit entry together; false, writing nothing, when the id is already kept.</summary>
    Task<bool> AddAsync(CaseAudit audit, AuditEntry entry, CancellationToken cancellationToken = default);

    Task<CaseAudit?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every audit, latest due first.</summary>
    Task<IReadOnlyList<CaseAudit>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps a case's moderation (replacing an earlier one) with its audit entry.</summary>
    Task UpdateCaseAsync(string id, AuditedCase audited, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Closes the audit with its audit entry; false, writing nothing, when it was closed already.</summary>
    Task<bool> CloseAsync(string id, AuditClosure closure, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The audit's trail, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken = default);
}
