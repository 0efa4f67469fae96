using Azure.Data.Tables;
using QaBot.Application.Installation;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The last install attempt for each person, in the Conversations table's <c>install</c> partition (row key the
/// person's object id), beside the conversations the installs are for. One partition read lists them all.
/// </summary>
public sealed class TableAppInstallationStore : IAppInstallationStore
{
    private const string Partition = "install";

    private readonly TableClient _table;

    public TableAppInstallationStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Conversations;
    }

    public async Task<AppInstallRecord?> GetAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Partition, person.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Read(entity);
    }

    public async Task<IReadOnlyList<AppInstallRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).ToList();
    }

    public async Task SaveAsync(AppInstallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(Partition, record.Person.Value)
        {
            ["Status"] = record.Status.ToString(),
            ["FollowUp"] = record.FollowUp.ToString(),
            ["ChatId"] = record.ChatId,
            ["Error"] = record.Error,
            ["FailedAttempts"] = record.FailedAttempts,
            ["LastAttemptAt"] = record.LastAttemptAt,
            ["InstalledAt"] = record.InstalledAt,
        };

        // One writer per person per run, and the last attempt is the one worth keeping: an unconditional replace.
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static AppInstallRecord Read(TableEntity e) => new(
        new PersonId(e.RowKey),
        Enum.Parse<AppInstallStatus>(e.Required("Status")),
        Enum.Parse<ConversationFollowUp>(e.Required("FollowUp")),
        e.Optional("ChatId"),
        e.Optional("Error"),
        e.RequiredInt("FailedAttempts"),
        e.RequiredInstant("LastAttemptAt"),
        e.GetDateTimeOffset("InstalledAt"));
}
