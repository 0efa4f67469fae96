using QaBot.Application.Installation;
using QaBot.Core.Organisation;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="IAppInstallationStore"/> in memory: the last attempt per person, replaced on every save.</summary>
public sealed class InMemoryAppInstallationStore : IAppInstallationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<PersonId, AppInstallRecord> _records = [];

    public Task<AppInstallRecord?> GetAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.TryGetValue(person, out var record) ? record : null);
        }
    }

    public Task<IReadOnlyList<AppInstallRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AppInstallRecord> all = _records.Values.OrderBy(r => r.Person.Value, StringComparer.Ordinal).ToList();
            return Task.FromResult(all);
        }
    }

    public Task SaveAsync(AppInstallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records[record.Person] = record;
        }

        return Task.CompletedTask;
    }
}
