namespace QaBot.Core.Tracking;

/// <summary>
/// Where a change came from: the channel (<c>teams</c>, <c>cli</c>, <c>scheduler</c>, <c>import</c>, <c>graph</c>)
/// and a reference within it (an activity id, a run id, a file name).
/// </summary>
public sealed record AuditOrigin(string Channel, string? Reference = null)
{
    public override string ToString() => Reference is null ? Channel : $"{Channel}:{Reference}";
}
