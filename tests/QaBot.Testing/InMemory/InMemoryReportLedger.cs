using QaBot.Application.Reports;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Compliance;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="IReportLedger"/> in memory, with the table store's semantics: one versioned entry per channel and month.</summary>
public sealed class InMemoryReportLedger : IReportLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, ReportMonth), Versioned<ReportDelivery>> _entries = [];
    private readonly InMemoryVersions _versions = new();

    public Task<Versioned<ReportDelivery>?> GetAsync(string channel, ReportMonth month, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue((channel, month), out var entry) ? entry : null);
        }
    }

    public Task<WriteResult> CreateAsync(ReportDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_gate)
        {
            if (_entries.ContainsKey((delivery.Channel, delivery.Month)))
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _entries[(delivery.Channel, delivery.Month)] = new Versioned<ReportDelivery>(delivery, version);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    public Task<WriteResult> SaveAsync(ReportDelivery delivery, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentException.ThrowIfNullOrEmpty(expectedVersion);
        lock (_gate)
        {
            if (!_entries.TryGetValue((delivery.Channel, delivery.Month), out var entry) || entry.Version != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _entries[(delivery.Channel, delivery.Month)] = new Versioned<ReportDelivery>(delivery, version);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    public Task<IReadOnlyList<ReportDelivery>> ListMonthAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ReportDelivery> all = _entries.Where(e => e.Key.Item2 == month).Select(e => e.Value.Value).OrderBy(d => d.Channel, StringComparer.Ordinal).ToList();
            return Task.FromResult(all);
        }
    }
}
