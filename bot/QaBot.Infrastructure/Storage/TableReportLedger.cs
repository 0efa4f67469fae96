using Azure;
using Azure.Data.Tables;
using QaBot.Application.Reports;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Compliance;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The monthly report's ledger in the SendLedger table: partition <c>report|yyyy-MM</c>, row key the channel's name,
/// so a month's entries are one partition read.
/// </summary>
public sealed class TableReportLedger : IReportLedger
{
    private readonly TableClient _table;

    public TableReportLedger(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.SendLedger;
    }

    public async Task<Versioned<ReportDelivery>?> GetAsync(string channel, ReportMonth month, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var entity = await TableQueries.FindAsync(_table, Partition(month), Keys.Encode(channel), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Versioned<ReportDelivery>(Read(entity), entity.ETag.ToString());
    }

    public async Task<WriteResult> CreateAsync(ReportDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            var response = await _table.AddEntityAsync(Write(delivery), cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return WriteResult.Conflict;
        }
    }

    public async Task<WriteResult> SaveAsync(ReportDelivery delivery, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentException.ThrowIfNullOrEmpty(expectedVersion);
        try
        {
            var response = await _table.UpdateEntityAsync(Write(delivery), new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException ex) when (TableQueries.IsConflict(ex))
        {
            return WriteResult.Conflict;
        }
    }

    public async Task<IReadOnlyList<ReportDelivery>> ListMonthAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition(month)}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).OrderBy(d => d.Channel, StringComparer.Ordinal).ToList();
    }

    private static string Partition(ReportMonth month) => "report|" + month;

    private static TableEntity Write(ReportDelivery d) => new(Partition(d.Month), Keys.Encode(d.Channel))
    {
        ["Channel"] = d.Channel,
        ["Month"] = d.Month.ToString(),
        ["State"] = d.State.ToString(),
        ["Attempts"] = d.Attempts,
        ["LastStatusCode"] = d.LastStatusCode,
        ["ActivityId"] = d.ActivityId,
        ["Problem"] = d.Problem,
        ["UpdatedAt"] = d.UpdatedAt,
    };

    private static ReportDelivery Read(TableEntity e) => new(
        e.Required("Channel"),
        ReportMonth.Parse(e.Required("Month")),
        Enum.Parse<ReportDeliveryState>(e.Required("State")),
        e.RequiredInt("Attempts"),
        e.GetInt32("LastStatusCode"),
        e.Optional("ActivityId"),
        e.Optional("Problem"),
        e.RequiredInstant("UpdatedAt"));
}
