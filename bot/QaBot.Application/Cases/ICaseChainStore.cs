using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Cases;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Application.Cases;

/// <summary>The cases' statutory chains: one per case reference and rule, with its history.</summary>
public interface ICaseChainStore
{
    Task<Versioned<CaseChain>?> GetAsync(CaseReference caseReference, string rule, CancellationToken cancellationToken = default);

    /// <summary>Every chain of one case, open or closed, by rule id.</summary>
    Task<IReadOnlyList<Versioned<CaseChain>>> GetForCaseAsync(CaseReference caseReference, CancellationToken cancellationToken = default);

    /// <summary>The open chains held by <paramref name="responsible"/> (everyone's when null), by case reference then rule.</summary>
    Task<IReadOnlyList<CaseChain>> GetOpenAsync(PersonId? responsible, CancellationToken cancellationToken = default);

    /// <summary>Creates (<paramref name="expectedVersion"/> null) or updates the chain only if it is still at that version.</summary>
    Task<WriteResult> SaveAsync(CaseChain chain, string? expectedVersion, CancellationToken cancellationToken = default);
}
