using Microsoft.AspNetCore.Http;

namespace QaBot.BotFramework.Hosting;

/// <summary>
/// The local-development rule for a request, shared by the bot's endpoint and the dashboard: the caller is on this
/// machine (loopback) and reached the host directly, with no proxy or forwarded header (<see cref="LocalDevelopmentGuard.CameThroughProxy"/>).
/// </summary>
public static class LocalCaller
{
    public static bool IsDirectlyOnThisMachine(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !LocalDevelopmentGuard.CameThroughProxy(context.Request.Headers) && LoopbackAddress.IsLoopback(context.Connection.RemoteIpAddress);
    }
}
