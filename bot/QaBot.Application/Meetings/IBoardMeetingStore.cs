using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;

namespace QaBot.Application.Meetings;

/// <summary>Board and group meetings QaBot has created in calendars, with their Graph event ids.</summary>
public interface IBoardMeetingStore
{
    Task<IReadOnlyList<Versioned<BoardMeetingRecord>>> GetForBodyAsync(BodyId body, CancellationToken cancellationToken = default);

    /// <summary>Every record, for a sync run (a few per body).</summary>
    Task<IReadOnlyList<Versioned<BoardMeetingRecord>>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates (<paramref name="expectedVersion"/> null) or updates the record only if it is still at that version.</summary>
    Task<WriteResult> SaveAsync(BoardMeetingRecord record, string? expectedVersion, CancellationToken cancellationToken = default);
}
