using Azure;
using Azure.Data.Tables;
using QaBot.Application.Governance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>The erasure register in its own table (partition <c>erasure</c>, row the pseudonym), outside every snapshot.</summary>
public sealed class TableErasureRegister : IErasureRegister
{
    private const string Partition = "erasure";

    private readonly StorageTables _tables;

    public TableErasureRegister(StorageTables tables)
    {
        _tables = tables;
    }

    public async Task RecordAsync(ErasureRecord erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var entity = new TableEntity(Partition, erasure.Pseudonym.Value)
        {
            ["At"] = erasure.At,
            ["Actor"] = erasure.Actor.Value,
            ["Reason"] = erasure.Reason,
        };
        try
        {
            await _tables.Erasures.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded already (an erasure run again): the first record stands.
        }
    }

    public async Task<IReadOnlyList<ErasureRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_tables.Erasures, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(e => new ErasureRecord(new PersonId(e.RowKey), e.RequiredInstant("At"), Actor.Parse(e.Required("Actor")), e.Required("Reason"))).ToList();
    }
}
