using Azure.Data.Tables;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Reflective case reviews in the Assurance table: partition <c>review</c>, row <c>r|{item id}</c> for the record and
/// <c>a|{item id}|{ticks}|{guid}</c> for its audit rows, both added in one transaction so neither is kept without the other.
/// </summary>
public sealed class TableReviewStore : IReviewStore
{
    private const string Partition = "review";
    private const string RecordPrefix = "r|";

    private readonly TableClient _table;

    public TableReviewStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Assurance;
    }

    public async Task<bool> AddAsync(ReflectiveCaseReview review, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(audit);
        var auditRow = AuditEntities.Write(Partition, AuditPrefix(review.Item) + Keys.Ticks(audit.At) + "|" + Guid.NewGuid().ToString("N"), audit);
        return await TableQueries.AddTogetherAsync(
            _table,
            [new TableTransactionAction(TableTransactionActionType.Add, Write(review)), new TableTransactionAction(TableTransactionActionType.Add, auditRow)],
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReflectiveCaseReview?> GetAsync(OccurrenceId item, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Partition, RecordPrefix + item.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Read(entity);
    }

    public async Task<IReadOnlyList<ReflectiveCaseReview>> ListAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default)
    {
        var from = Keys.Date(first);
        var to = Keys.Date(last);
        var upper = Keys.UpperBound(RecordPrefix);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {RecordPrefix} and RowKey lt {upper} and HeldOn ge {from} and HeldOn le {to}");
        var entities = await TableQueries.ListAsync(_table, filter, cancellationToken).ConfigureAwait(false);
        return [.. entities.Select(Read).OrderBy(r => r.HeldOn).ThenBy(r => r.Item.Value, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(OccurrenceId item, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, AuditPrefix(item)), cancellationToken).ConfigureAwait(false);
        return [.. entities.OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(AuditEntities.Read)];
    }

    private static string AuditPrefix(OccurrenceId item) => "a|" + item.Value + "|";

    private static TableEntity Write(ReflectiveCaseReview r) => new(Partition, RecordPrefix + r.Item.Value)
    {
        ["Item"] = r.Item.Value,
        ["Area"] = r.Area.Value,
        ["Reviewer"] = r.Reviewer.Value,
        ["Practitioner"] = r.Practitioner.Value,
        ["Case"] = r.Case.Value,
        ["FileRead"] = r.Parts.FileRead,
        ["Conversation"] = r.Parts.Conversation,
        ["Feedback"] = r.Parts.Feedback,
        ["FeedbackGist"] = r.FeedbackGist,
        ["Judgement"] = r.Judgement,
        ["Strengths"] = r.Strengths,
        ["Development"] = r.Development,
        ["Themes"] = EntityValues.Json(r.Themes),
        ["Actions"] = EntityValues.Json(r.Actions.Select(a => new ActionRow(a.Number, a.Text, a.Owner.Value, Keys.Date(a.Due), a.ItemId.Value)).ToList()),
        ["HeldOn"] = Keys.Date(r.HeldOn),
        ["RecordedAt"] = r.RecordedAt,
    };

    private static ReflectiveCaseReview Read(TableEntity e) => new(
        new OccurrenceId(e.Required("Item")),
        AreaId.Parse(e.Required("Area")),
        new PersonId(e.Required("Reviewer")),
        new PersonId(e.Required("Practitioner")),
        CaseReference.Parse(e.Required("Case")),
        new ReviewParts(e.GetBoolean("FileRead") ?? false, e.GetBoolean("Conversation") ?? false, e.GetBoolean("Feedback") ?? false),
        e.Optional("FeedbackGist"),
        e.Required("Judgement"),
        e.Required("Strengths"),
        e.Required("Development"),
        e.RequiredJson<List<string>>("Themes"),
        [.. e.RequiredJson<List<ActionRow>>("Actions").Select(a => new ReviewAction(a.Number, a.Text, new PersonId(a.Owner), DateOnly.ParseExact(a.Due, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new OccurrenceId(a.ItemId)))],
        e.RequiredDate("HeldOn"),
        e.RequiredInstant("RecordedAt"));

    private sealed record ActionRow(int Number, string Text, string Owner, string Due, string ItemId);
}
