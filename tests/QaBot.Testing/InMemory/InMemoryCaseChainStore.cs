using QaBot.Application.Cases;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Cases;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="ICaseChainStore"/> in memory, with the table store's semantics: one versioned chain per case and rule, written conditionally.</summary>
public sealed class InMemoryCaseChainStore : ICaseChainStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Case, string Rule), Versioned<CaseChain>> _chains = [];
    private readonly InMemoryVersions _versions = new();

    public Task<Versioned<CaseChain>?> GetAsync(CaseReference caseReference, string rule, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_chains.GetValueOrDefault((caseReference.Value, rule)));
        }
    }

    public Task<IReadOnlyList<Versioned<CaseChain>>> GetForCaseAsync(CaseReference caseReference, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Versioned<CaseChain>> chains = _chains.Values
                .Where(c => c.Value.Case == caseReference)
                .OrderBy(c => c.Value.Rule, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(chains);
        }
    }

    public Task<IReadOnlyList<CaseChain>> GetOpenAsync(PersonId? responsible, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CaseChain> chains = _chains.Values
                .Select(c => c.Value)
                .Where(c => c.IsOpen && (responsible is not { } person || c.Responsible == person))
                .OrderBy(c => c.Case.Value, StringComparer.Ordinal)
                .ThenBy(c => c.Rule, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(chains);
        }
    }

    public Task<WriteResult> SaveAsync(CaseChain chain, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        lock (_gate)
        {
            var key = (chain.Case.Value, chain.Rule);
            _chains.TryGetValue(key, out var stored);
            if (stored?.Version != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _chains[key] = new Versioned<CaseChain>(chain, version);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }
}
