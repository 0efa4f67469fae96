namespace QaBot.BotFramework.Authentication;

internal enum AuthenticationStatus
{
    Allowed = 0,

    /// <summary>401: no token, or a token that is not valid for this bot.</summary>
    Unauthorized,

    /// <summary>403: a valid token that may not carry this activity (endorsement, tenant).</summary>
    Forbidden,

    /// <summary>503: the signing keys cannot be fetched, so nothing can be checked.</summary>
    Unavailable,
}
