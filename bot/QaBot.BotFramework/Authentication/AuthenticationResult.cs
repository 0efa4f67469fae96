using System.Security.Claims;

namespace QaBot.BotFramework.Authentication;

/// <summary>The outcome of a check, with the reason for the log (never shown to the caller, never token content).</summary>
internal sealed record AuthenticationResult(AuthenticationStatus Status, string Reason, ClaimsIdentity? Identity = null, IReadOnlySet<string>? Endorsements = null)
{
    public bool IsAllowed => Status == AuthenticationStatus.Allowed;

    public static AuthenticationResult Unauthorized(string reason) => new(AuthenticationStatus.Unauthorized, reason);

    public static AuthenticationResult Forbidden(string reason) => new(AuthenticationStatus.Forbidden, reason);
}
