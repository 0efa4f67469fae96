using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Testing.InMemory;

/// <summary>The in-memory twin of the programme store: passes the same contract as the Table store.</summary>
public sealed class InMemoryProgrammeStore : IProgrammeStore
{
    private readonly Dictionary<ProgrammeKey, Programme> _programmes = [];
    private readonly Dictionary<ProgrammeKey, List<AuditEntry>> _trail = [];
    private readonly Lock _gate = new();

    public Task<bool> AddEntryAsync(ProgrammeKey key, ProgrammeEntry entry, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            var programme = _programmes.GetValueOrDefault(key) ?? new Programme(key, []);
            if (programme.Entries.Any(e => e.Number == entry.Number))
            {
                return Task.FromResult(false);
            }

            _programmes[key] = programme with { Entries = [.. programme.Entries.Append(entry).OrderBy(e => e.Number)] };
            if (!_trail.TryGetValue(key, out var trail))
            {
                _trail[key] = trail = [];
            }

            trail.Add(audit);
            return Task.FromResult(true);
        }
    }

    public Task<Programme?> GetAsync(ProgrammeKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_programmes.GetValueOrDefault(key));
        }
    }

    public Task<IReadOnlyList<Programme>> ListAsync(int year, PersonId? person = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Programme>>([.. _programmes.Values
                .Where(p => p.Key.Year == year && (person is not { } who || p.Key.Person == who))
                .OrderBy(p => p.Key.Person.Value, StringComparer.Ordinal).ThenBy(p => p.Key.Duty.Value, StringComparer.Ordinal)]);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ProgrammeKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_trail.TryGetValue(key, out var trail) ? [.. trail.OrderBy(e => e.At)] : []);
        }
    }
}
