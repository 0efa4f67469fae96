using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Governance;

/// <summary>
/// Reads the append-only audit trail (the items' audit rows and the directory's) for information governance. Each
/// read names what it reads in docs/storage.md; entries come back oldest first.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Every entry about one item, wherever its rows are kept (an item that moved team leaves its earlier entries behind).</summary>
    Task<IReadOnlyList<AuditRecord>> GetForItemAsync(OccurrenceId item, AuditPeriod period, CancellationToken cancellationToken = default);

    /// <summary>Entries where the person acted, entries about their record in the directory, and entries about items they own or that concern them.</summary>
    Task<IReadOnlyList<AuditRecord>> GetForPersonAsync(PersonId person, AreaId? homeArea, AuditPeriod period, CancellationToken cancellationToken = default);

    /// <summary>Entries about the items kept in the area and below it, and about those areas in the directory.</summary>
    Task<IReadOnlyList<AuditRecord>> GetForAreaAsync(AreaId area, AuditPeriod period, CancellationToken cancellationToken = default);
}

/// <summary>One audit entry and where it is kept: <see cref="Items"/> (with the area whose partition holds it) or <see cref="Directory"/>.</summary>
public sealed record AuditRecord(AuditEntry Entry, string Source, AreaId? Area)
{
    public const string Items = "items";
    public const string Directory = "directory";
}

/// <summary>The instants an audit read covers: from (inclusive) to (exclusive); either end may be open.</summary>
public sealed record AuditPeriod(DateTimeOffset? From, DateTimeOffset? To)
{
    public static readonly AuditPeriod All = new(null, null);

    public bool Contains(DateTimeOffset at) => (From is not { } from || at >= from) && (To is not { } to || at < to);
}
