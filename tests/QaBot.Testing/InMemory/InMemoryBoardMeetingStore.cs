using QaBot.Application.Meetings;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="IBoardMeetingStore"/> in memory, with the table store's semantics: one versioned record per body and key, created or updated conditionally.</summary>
public sealed class InMemoryBoardMeetingStore : IBoardMeetingStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(BodyId Body, string Key), Versioned<BoardMeetingRecord>> _records = [];
    private readonly InMemoryVersions _versions = new();

    /// <summary>
    /// Called inside <see cref="SaveAsync"/> before the version is checked, with the record being saved: whatever it
    /// writes first makes that save conflict, as another sync running at the same moment would.
    /// </summary>
    public Action<BoardMeetingRecord>? BeforeSave { get; set; }

    public Task<IReadOnlyList<Versioned<BoardMeetingRecord>>> GetForBodyAsync(BodyId body, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Versioned<BoardMeetingRecord>> records = Ordered().Where(r => r.Value.Body == body).ToList();
            return Task.FromResult(records);
        }
    }

    public Task<IReadOnlyList<Versioned<BoardMeetingRecord>>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Versioned<BoardMeetingRecord>> records = Ordered().ToList();
            return Task.FromResult(records);
        }
    }

    public Task<WriteResult> SaveAsync(BoardMeetingRecord record, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (BeforeSave is { } hook)
        {
            BeforeSave = null;
            hook(record);
        }

        lock (_gate)
        {
            _records.TryGetValue((record.Body, record.Key), out var stored);
            if (stored?.Version != expectedVersion)
            {
                return Task.FromResult(WriteResult.Conflict);
            }

            var version = _versions.Next();
            _records[(record.Body, record.Key)] = new Versioned<BoardMeetingRecord>(record, version);
            return Task.FromResult(WriteResult.SavedAs(version));
        }
    }

    private IEnumerable<Versioned<BoardMeetingRecord>> Ordered() =>
        _records.Values
            .OrderBy(r => r.Value.Body.Value, StringComparer.Ordinal)
            .ThenBy(r => r.Value.Key, StringComparer.Ordinal);
}
