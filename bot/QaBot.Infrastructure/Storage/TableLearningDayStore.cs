using System.Globalization;
using Azure.Data.Tables;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The department's practice learning days in the Assurance table, one partition each (<c>learning-day|{id}</c>): row
/// <c>h</c> for the day and its outcome, <c>x|{number}</c> for each activity and <c>a|{ticks}|{guid}</c> for its audit
/// trail. Every change is one transaction with its audit row, so no change is kept without its entry.
/// </summary>
public sealed class TableLearningDayStore : ILearningDayStore
{
    private const string PartitionPrefix = "learning-day|";
    private const string ActivityPrefix = "x|";

    private readonly TableClient _table;
    private readonly TrailedPartitions _days;

    public TableLearningDayStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Assurance;
        _days = new TrailedPartitions(_table, PartitionPrefix);
    }

    public Task<bool> AddAsync(LearningDay day, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(entry);
        var partition = _days.Partition(day.Id);
        return _days.AddAsync(WriteHeader(day), day.Activities.Select(a => WriteActivity(partition, a)), entry, cancellationToken);
    }

    public async Task<LearningDay?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _days.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } found ? Read(found.Header, found.Rows) : null;

    // The day and activity rows ("h", "x|...") sort after the audit trail's ("a|..."), which the list does not need.
    public async Task<IReadOnlyList<LearningDay>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await _days.ListAsync(TrailedPartitions.Header, cancellationToken).ConfigureAwait(false))
            .Select(found => Read(found.Header, found.Rows))
            .OrderByDescending(d => d.Date).ThenBy(d => d.Id, StringComparer.Ordinal)];

    public async Task<bool> AddActivityAsync(string id, LearningActivity activity, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(entry);
        var partition = _days.Partition(id);
        if (await TableQueries.FindAsync(_table, partition, TrailedPartitions.Header, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        // A second activity with the same number conflicts on its Add, and the transaction writes nothing.
        return await TableQueries.AddTogetherAsync(
            _table,
            [new TableTransactionAction(TableTransactionActionType.Add, WriteActivity(partition, activity)), new TableTransactionAction(TableTransactionActionType.Add, TrailedPartitions.AuditRow(partition, entry))],
            cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> SetOutcomeAsync(string id, LearningDayOutcome outcome, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(entry);
        return _days.UpdateHeaderOnceAsync(id, header =>
        {
            if (header.ContainsKey("OutcomeAt"))
            {
                return false;
            }

            WriteOutcome(header, outcome);
            return true;
        }, entry, cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken = default) =>
        _days.TrailAsync(id, cancellationToken);

    private static TableEntity WriteHeader(LearningDay d)
    {
        var entity = new TableEntity(PartitionPrefix + d.Id, TrailedPartitions.Header)
        {
            ["Id"] = d.Id,
            ["Title"] = d.Title,
            ["Service"] = d.Service.Value,
            ["Date"] = Keys.Date(d.Date),
            ["Lead"] = d.Lead.Value,
            ["Participants"] = EntityValues.Json(d.Participants.Select(p => p.Value).ToList()),
            ["LinesOfEnquiry"] = EntityValues.Json(d.LinesOfEnquiry),
            ["CreatedBy"] = d.CreatedBy.Value,
            ["CreatedAt"] = d.CreatedAt,
        };
        if (d.Outcome is { } outcome)
        {
            WriteOutcome(entity, outcome);
        }

        return entity;
    }

    private static void WriteOutcome(TableEntity header, LearningDayOutcome outcome)
    {
        header["Held"] = outcome.Held;
        header["OutcomeNote"] = outcome.Note;
        header["OutcomeBy"] = outcome.By.Value;
        header["OutcomeAt"] = outcome.At;
    }

    private static TableEntity WriteActivity(string partition, LearningActivity a) =>
        new(partition, ActivityPrefix + a.Number.ToString("D3", CultureInfo.InvariantCulture))
        {
            ["Number"] = a.Number,
            ["Kind"] = a.Kind.ToString(),
            ["Summary"] = a.Summary,
            ["Case"] = a.Case?.Value,
            ["By"] = a.By?.Value,
            ["RecordedBy"] = a.RecordedBy.Value,
            ["At"] = a.At,
        };

    private static LearningDay Read(TableEntity header, IEnumerable<TableEntity> rows) => new(
        header.Required("Id"),
        header.Required("Title"),
        AreaId.Parse(header.Required("Service")),
        header.RequiredDate("Date"),
        new PersonId(header.Required("Lead")),
        [.. header.RequiredJson<List<string>>("Participants").Select(p => new PersonId(p))],
        header.RequiredJson<List<string>>("LinesOfEnquiry"),
        [.. rows.Where(r => r.RowKey.StartsWith(ActivityPrefix, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(ReadActivity)],
        Actor.Parse(header.Required("CreatedBy")),
        header.RequiredInstant("CreatedAt"),
        header.Optional("OutcomeBy") is { } by
            ? new LearningDayOutcome(header.GetBoolean("Held") ?? false, header.Optional("OutcomeNote"), Actor.Parse(by), header.RequiredInstant("OutcomeAt"))
            : null);

    private static LearningActivity ReadActivity(TableEntity e) => new(
        e.RequiredInt("Number"),
        Enum.Parse<LearningActivityKind>(e.Required("Kind")),
        e.Required("Summary"),
        e.Optional("Case") is { } c ? CaseReference.Parse(c) : null,
        e.Optional("By") is { } by ? new PersonId(by) : null,
        Actor.Parse(e.Required("RecordedBy")),
        e.RequiredInstant("At"));
}
