using Microsoft.Extensions.Logging;
using QaBot.Application.Storage;

namespace QaBot.Infrastructure.Storage;

/// <summary>Creates QaBot's tables if they are missing. Safe to run any number of times.</summary>
public sealed partial class StorageInitializer : IStorageInitializer
{
    private readonly StorageTables _tables;
    private readonly ILogger<StorageInitializer> _logger;

    public StorageInitializer(StorageTables tables, ILogger<StorageInitializer> logger)
    {
        _tables = tables;
        _logger = logger;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in _tables.All.Append(_tables.Erasures).Append(_tables.PersonIndex))
        {
            var created = await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                LogTableCreated(table.Name);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Created table {Table}")]
    private partial void LogTableCreated(string table);
}
