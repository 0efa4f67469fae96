using Azure.Data.Tables;
using QaBot.Application.Governance;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The governance log in the Governance table: partition <c>look</c>, row <c>{ticks}|{guid}</c>, so a period is one key
/// range. Rows are only ever added.
/// </summary>
public sealed class TableGovernanceLog : IGovernanceLog
{
    internal const string Partition = "look";

    private readonly StorageTables _tables;

    public TableGovernanceLog(StorageTables tables)
    {
        _tables = tables;
    }

    public async Task RecordAsync(GovernanceLook look, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(look);
        var entity = new TableEntity(Partition, $"{Keys.Ticks(look.At)}|{Guid.NewGuid():N}")
        {
            ["Kind"] = "look",
            ["At"] = look.At,
            ["Actor"] = look.Actor.Value,
            ["Action"] = look.Action,
            ["Asked"] = look.Asked,
            ["Count"] = look.Count,
            ["Channel"] = look.Origin.Channel,
            ["Reference"] = look.Origin.Reference,
        };
        await _tables.Governance.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GovernanceLook>> ListAsync(AuditPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var from = period.From is { } f ? Keys.Ticks(f) : string.Empty;
        var to = period.To is { } t ? Keys.Ticks(t) : "~";
        var entities = await TableQueries.ListAsync(_tables.Governance, TableQueries.Range(Partition, from, to), cancellationToken).ConfigureAwait(false);
        return entities.Select(e => new GovernanceLook(
            e.RequiredInstant("At"),
            Actor.Parse(e.Required("Actor")),
            e.Required("Action"),
            e.GetString("Asked") ?? string.Empty,
            e.GetInt64("Count") ?? 0,
            new AuditOrigin(e.Required("Channel"), e.Optional("Reference")))).ToList();
    }
}
