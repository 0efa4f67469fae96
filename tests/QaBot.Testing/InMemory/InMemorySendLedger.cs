using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Storage;
using QaBot.Core;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="ISendLedger"/> in memory, with the table store's semantics: one versioned entry per digest and its numbered attempts, written together.</summary>
public sealed class InMemorySendLedger : ISendLedger
{
    private const int MaxAttemptsPerSave = 98;

    private readonly object _gate = new();
    private readonly Dictionary<DigestKey, Versioned<SendRecord>> _records = [];
    private readonly Dictionary<DigestKey, SortedDictionary<int, SendAttempt>> _attempts = [];
    private readonly InMemoryVersions _versions = new();

    /// <summary>Every entry, for assertions across runs.</summary>
    public IReadOnlyList<SendRecord> All
    {
        get
        {
            lock (_gate)
            {
                return _records.Values.Select(r => r.Value).ToList();
            }
        }
    }

    public Task<Versioned<SendRecord>?> GetAsync(DigestKey key, CancellationToken cancellationToken = default)
    {
        Check(key.RunId);
        lock (_gate)
        {
            return Task.FromResult(_records.TryGetValue(key, out var record) ? record : null);
        }
    }

    public Task<WriteResult> CreateAsync(SendRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        Check(record.Key.RunId);
        lock (_gate)
        {
            if (_records.ContainsKey(record.Key))
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _records[record.Key] = new Versioned<SendRecord>(record, version);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    public Task<WriteResult> SaveAsync(SendRecord record, string expectedVersion, IReadOnlyList<SendAttempt> attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentException.ThrowIfNullOrEmpty(expectedVersion);
        Check(record.Key.RunId);
        if (attempts.Count > record.Attempts || attempts.Count > MaxAttemptsPerSave)
        {
            throw new ArgumentException($"The record counts {record.Attempts} attempts but {attempts.Count} are being added.", nameof(attempts));
        }

        lock (_gate)
        {
            if (!_records.TryGetValue(record.Key, out var stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            if (!_attempts.TryGetValue(record.Key, out var numbered))
            {
                _attempts[record.Key] = numbered = [];
            }

            var first = record.Attempts - attempts.Count + 1;
            if (Enumerable.Range(first, attempts.Count).Any(numbered.ContainsKey))
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            for (var i = 0; i < attempts.Count; i++)
            {
                numbered[first + i] = attempts[i];
            }

            var version = _versions.Next();
            _records[record.Key] = new Versioned<SendRecord>(record, version);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    public Task<IReadOnlyList<SendRecord>> ListRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        Check(runId);
        lock (_gate)
        {
            IReadOnlyList<SendRecord> run = _records.Values
                .Select(r => r.Value)
                .Where(r => r.Key.RunId == runId)
                .OrderBy(r => r.Key.Person.Value, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(run);
        }
    }

    public Task<IReadOnlyList<SendAttempt>> GetAttemptsAsync(DigestKey key, CancellationToken cancellationToken = default)
    {
        Check(key.RunId);
        lock (_gate)
        {
            IReadOnlyList<SendAttempt> attempts = _attempts.TryGetValue(key, out var numbered) ? numbered.Values.ToList() : [];
            return Task.FromResult(attempts);
        }
    }

    private static void Check(string runId)
    {
        if (!DigestKey.IsValidRunId(runId))
        {
            throw new ArgumentException($"'{runId}' is not a valid run id.", nameof(runId));
        }
    }
}
