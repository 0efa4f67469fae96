using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The QA team's audits in the Assurance table, one partition each (<c>audit|{id}</c>): row <c>h</c> for the audit,
/// <c>c|{number}</c> for each sampled case and <c>a|{ticks}|{guid}</c> for its audit trail (<see cref="TrailedPartitions"/>).
/// Every change is one transaction with its audit row, so no change is kept without its entry.
/// </summary>
public sealed class TableAuditStore : IAuditStore
{
    private const string PartitionPrefix = "audit|";
    private const string Header = TrailedPartitions.Header;
    private const string CasePrefix = "c|";

    private readonly TableClient _table;
    private readonly TrailedPartitions _audits;

    public TableAuditStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Assurance;
        _audits = new TrailedPartitions(_table, PartitionPrefix);
    }

    public Task<bool> AddAsync(CaseAudit audit, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(entry);
        var partition = _audits.Partition(audit.Id);
        return _audits.AddAsync(WriteHeader(audit), audit.Cases.Select(c => WriteCase(partition, c)), entry, cancellationToken);
    }

    public async Task<CaseAudit?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _audits.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } found ? Read(found.Header, found.Rows) : null;

    // The audit and case rows ("h", "c|...") sort after the audit trail's ("a|..."), which the list does not need.
    public async Task<IReadOnlyList<CaseAudit>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await _audits.ListAsync(CasePrefix, cancellationToken).ConfigureAwait(false))
            .Select(found => Read(found.Header, found.Rows))
            .OrderByDescending(a => a.Due).ThenBy(a => a.Id, StringComparer.Ordinal)];

    public async Task UpdateCaseAsync(string id, AuditedCase audited, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audited);
        ArgumentNullException.ThrowIfNull(entry);
        var partition = _audits.Partition(id);
        await _table.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, WriteCase(partition, audited), ETag.All), new TableTransactionAction(TableTransactionActionType.Add, TrailedPartitions.AuditRow(partition, entry))],
            cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> CloseAsync(string id, AuditClosure closure, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(closure);
        ArgumentNullException.ThrowIfNull(entry);
        return _audits.UpdateHeaderOnceAsync(id, header =>
        {
            if (header.ContainsKey("ClosedAt"))
            {
                return false;
            }

            header["ClosedBy"] = closure.By.Value;
            header["ClosedAt"] = closure.At;
            return true;
        }, entry, cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken = default) =>
        _audits.TrailAsync(id, cancellationToken);

    private static TableEntity WriteHeader(CaseAudit a) => new(PartitionPrefix + a.Id, Header)
    {
        ["Id"] = a.Id,
        ["Title"] = a.Title,
        ["Kind"] = a.Kind.ToString(),
        ["LinesOfEnquiry"] = EntityValues.Json(a.LinesOfEnquiry),
        ["Due"] = Keys.Date(a.Due),
        ["CreatedBy"] = a.CreatedBy.Value,
        ["CreatedAt"] = a.CreatedAt,
    };

    private static TableEntity WriteCase(string partition, AuditedCase c)
    {
        var entity = new TableEntity(partition, CasePrefix + c.Number.ToString("D3", CultureInfo.InvariantCulture))
        {
            ["Number"] = c.Number,
            ["Case"] = c.Case.Value,
            ["Auditor"] = c.Auditor.Value,
            ["Practitioner"] = c.Practitioner?.Value,
            ["Item"] = c.Item.Value,
        };
        if (c.Moderation is { } m)
        {
            entity["Agreed"] = m.Agreed;
            entity["ModeratedJudgement"] = m.Judgement;
            entity["ModerationReason"] = m.Reason;
            entity["ModeratedBy"] = m.By.Value;
            entity["ModeratedAt"] = m.At;
        }

        return entity;
    }

    private static CaseAudit Read(TableEntity header, IEnumerable<TableEntity> rows) => new(
        header.Required("Id"),
        header.Required("Title"),
        Enum.Parse<AuditKind>(header.Required("Kind")),
        header.RequiredJson<List<string>>("LinesOfEnquiry"),
        header.RequiredDate("Due"),
        [.. rows.Where(r => r.RowKey.StartsWith(CasePrefix, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(ReadCase)],
        Actor.Parse(header.Required("CreatedBy")),
        header.RequiredInstant("CreatedAt"),
        header.Optional("ClosedBy") is { } by ? new AuditClosure(Actor.Parse(by), header.RequiredInstant("ClosedAt")) : null);

    private static AuditedCase ReadCase(TableEntity e) => new(
        e.RequiredInt("Number"),
        CaseReference.Parse(e.Required("Case")),
        new PersonId(e.Required("Auditor")),
        e.Optional("Practitioner") is { } p ? new PersonId(p) : null,
        new OccurrenceId(e.Required("Item")),
        e.Optional("ModeratedBy") is { } by
            ? new AuditModeration(e.GetBoolean("Agreed") ?? false, e.Required("ModeratedJudgement"), e.Optional("ModerationReason"), Actor.Parse(by), e.RequiredInstant("ModeratedAt"))
            : null);
}
