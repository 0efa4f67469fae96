using Azure.Data.Tables;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>How an <see cref="AuditEntry"/> is written as a row. Audit rows are only ever added, never updated or deleted.</summary>
internal static class AuditEntities
{
    public static TableEntity Write(string partitionKey, string rowKey, AuditEntry audit) => new(partitionKey, rowKey)
    {
        ["Kind"] = "audit",
        ["At"] = audit.At,
        ["Actor"] = audit.Actor.Value,
        ["Action"] = audit.Action,
        ["Subject"] = audit.Subject,
        ["Detail"] = audit.Detail,
        ["Channel"] = audit.Origin.Channel,
        ["Reference"] = audit.Origin.Reference,
    };

    public static AuditEntry Read(TableEntity e) => new(
        e.RequiredInstant("At"),
        Actor.Parse(e.Required("Actor")),
        e.Required("Action"),
        e.Required("Subject"),
        e.GetString("Detail") ?? string.Empty,
        new AuditOrigin(e.Required("Channel"), e.Optional("Reference")));
}
