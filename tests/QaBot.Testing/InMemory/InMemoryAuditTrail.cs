using QaBot.Application.Governance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Testing.InMemory;

/// <summary>
/// The audit trail in memory, answering as <c>TableAuditTrail</c> does: an item's entries wherever kept; a person's
/// entries as actor, about their directory record, or about items naming them in their home area; an area's subtree.
/// </summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly List<AuditRecord> _records = [];

    public void Add(AuditRecord record) => _records.Add(record);

    public Task<IReadOnlyList<AuditRecord>> GetForItemAsync(OccurrenceId item, AuditPeriod period, CancellationToken cancellationToken = default) =>
        Answer(r => r.Source == AuditRecord.Items && r.Entry.Subject == "item:" + item.Value, period);

    public Task<IReadOnlyList<AuditRecord>> GetForPersonAsync(PersonId person, AreaId? homeArea, AuditPeriod period, CancellationToken cancellationToken = default) =>
        Answer(
            r => r.Entry.Actor.PersonId == person
                || (r.Source == AuditRecord.Directory && r.Entry.Subject == "person:" + person.Value)
                || (r.Source == AuditRecord.Items && r.Area == homeArea && r.Entry.Subject.StartsWith("item:", StringComparison.Ordinal)
                    && r.Entry.Subject[5..].Split(OccurrenceId.Separator).Skip(2).Contains(person.Value)),
            period);

    public Task<IReadOnlyList<AuditRecord>> GetForAreaAsync(AreaId area, AuditPeriod period, CancellationToken cancellationToken = default) =>
        Answer(
            r => (r.Source == AuditRecord.Items && r.Area is { } kept && kept.IsWithin(area))
                || (r.Source == AuditRecord.Directory && r.Entry.Subject.StartsWith("area:", StringComparison.Ordinal)
                    && AreaId.TryParse(r.Entry.Subject[5..], out var subject) && subject.IsWithin(area)),
            period);

    private Task<IReadOnlyList<AuditRecord>> Answer(Func<AuditRecord, bool> about, AuditPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Task.FromResult<IReadOnlyList<AuditRecord>>(_records.Where(r => about(r) && period.Contains(r.Entry.At)).OrderBy(r => r.Entry.At).ToList());
    }
}
