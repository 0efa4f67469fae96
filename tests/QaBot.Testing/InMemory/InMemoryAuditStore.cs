using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Tracking;

namespace QaBot.Testing.InMemory;

/// <summary>The in-memory twin of the audit store: passes the same contract as the Table store.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Dictionary<string, CaseAudit> _audits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AuditEntry>> _trail = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> AddAsync(CaseAudit audit, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (!_audits.TryAdd(audit.Id, audit))
            {
                return Task.FromResult(false);
            }

            _trail[audit.Id] = [entry];
            return Task.FromResult(true);
        }
    }

    public Task<CaseAudit?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_audits.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<CaseAudit>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CaseAudit>>([.. _audits.Values.OrderByDescending(a => a.Due).ThenBy(a => a.Id, StringComparer.Ordinal)]);
        }
    }

    public Task UpdateCaseAsync(string id, AuditedCase audited, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audited);
        lock (_gate)
        {
            var audit = _audits[id];
            _audits[id] = audit with { Cases = [.. audit.Cases.Select(c => c.Number == audited.Number ? audited : c)] };
            _trail[id].Add(entry);
            return Task.CompletedTask;
        }
    }

    public Task<bool> CloseAsync(string id, AuditClosure closure, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_audits.TryGetValue(id, out var audit) || audit.IsClosed)
            {
                return Task.FromResult(false);
            }

            _audits[id] = audit with { Closure = closure };
            _trail[id].Add(entry);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_trail.TryGetValue(id, out var list) ? [.. list] : []);
        }
    }
}
