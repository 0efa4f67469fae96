using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QaBot.BotFramework.Schema;

namespace QaBot.BotFramework.Authentication;

/// <summary>
/// Authenticates requests from the Bot Connector as its specification requires, in two steps: the bearer token
/// before the body is read (signature with an RS256 key from the channel's set, issuer, audience = app id,
/// lifetime with 5 minutes skew), then the activity against the token (the <c>serviceurl</c> claim, the channel's
/// endorsement of the signing key, the tenant allow-list). With no app id configured (local development) the token
/// is not checked and only callers on this machine are let in.
/// </summary>
internal sealed class BotRequestAuthenticator
{
    public const string ServiceUrlClaim = "serviceurl";

    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BotOptions _options;
    private readonly SigningKeyCache _keys;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotRequestAuthenticator(IOptions<BotOptions> options, SigningKeyCache keys, TimeProvider time)
    {
        _options = options.Value;
        _keys = keys;
        _time = time;
    }

    /// <summary>True when no app id is configured: tokens are not checked and only callers on this machine are let in.</summary>
    public bool IsLocalDevelopment => _options.IsLocalDevelopment;

    /// <summary>Step one: the caller and its token, before the body is read.</summary>
    public async Task<AuthenticationResult> AuthenticateCallerAsync(string? authorization, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        if (_options.IsLocalDevelopment)
        {
            return LoopbackAddress.IsLoopback(remoteAddress)
                ? new AuthenticationResult(AuthenticationStatus.Allowed, "local development: caller on this machine")
                : AuthenticationResult.Unauthorized("local development (no Bot:AppId): only callers on this machine are accepted");
        }

        if (string.IsNullOrWhiteSpace(authorization)
            || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || authorization.Length <= "Bearer ".Length)
        {
            return AuthenticationResult.Unauthorized("no bearer token");
        }

        var token = authorization["Bearer ".Length..].Trim();
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return AuthenticationResult.Unauthorized("the token is not a readable JWT");
        }

        if (!string.Equals(jwt.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return AuthenticationResult.Unauthorized("the token is not signed with RS256");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return AuthenticationResult.Unauthorized("the token names no signing key");
        }

        SigningKey? key;
        try
        {
            key = await _keys.FindAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (SigningKeysUnavailableException)
        {
            return new AuthenticationResult(AuthenticationStatus.Unavailable, "the signing keys cannot be fetched");
        }

        if (key is null)
        {
            return AuthenticationResult.Unauthorized("the token's signing key is not in the channel's key set");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = _options.EffectiveIssuers,
            ValidateIssuer = true,
            ValidAudience = _options.AppId,
            ValidateAudience = true,
            RequireAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            IssuerSigningKey = key.Key,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            LifetimeValidator = IsWithinLifetime,
        };

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AuthenticationResult.Unauthorized($"the token is not valid ({ReasonOf(result.Exception)})");
        }

        return new AuthenticationResult(AuthenticationStatus.Allowed, "valid token", result.ClaimsIdentity, key.Endorsements);
    }

    /// <summary>Step two: the activity against the caller's token and the channel and tenant allow-lists.</summary>
    public AuthenticationResult AuthorizeActivity(AuthenticationResult caller, Activity activity)
    {
        // A genuine Bot Framework token can carry another channel's activity (Web Chat, Direct Line), whose tenant
        // would come from the body alone: QaBot serves Teams only.
        if (!_options.EffectiveAllowedChannels.Contains(activity.ChannelId!, StringComparer.Ordinal))
        {
            return AuthenticationResult.Forbidden("the activity's channel is not allowed (Bot:AllowedChannels)");
        }

        if (!_options.IsLocalDevelopment)
        {
            var claimed = caller.Identity?.FindFirst(ServiceUrlClaim)?.Value;
            if (string.IsNullOrEmpty(claimed))
            {
                return AuthenticationResult.Unauthorized("the token has no serviceurl claim");
            }

            if (!string.Equals(claimed, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticationResult.Unauthorized("the token's serviceurl claim does not match the activity's serviceUrl");
            }

            if (caller.Endorsements is null || !caller.Endorsements.Contains(activity.ChannelId!))
            {
                return AuthenticationResult.Forbidden("the signing key is not endorsed for the activity's channel");
            }
        }

        var allowed = _options.EffectiveAllowedTenants;
        if (allowed.Count > 0)
        {
            var tenant = ActivityMapper.TenantOf(activity);
            if (tenant is null)
            {
                return AuthenticationResult.Forbidden("the activity names no tenant");
            }

            if (!allowed.Contains(tenant, StringComparer.OrdinalIgnoreCase))
            {
                return AuthenticationResult.Forbidden("the activity's tenant is not allowed");
            }
        }

        return caller;
    }

    // Checked against the injected clock, so the rule is the same in tests and in production.
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null)
        {
            return false;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (notBefore is { } start && start.ToUniversalTime() > now + ClockSkew)
        {
            return false;
        }

        return expires.Value.ToUniversalTime() >= now - ClockSkew;
    }

    private static string ReasonOf(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "bad signature",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenNoExpirationException => "no expiry",
        SecurityTokenInvalidLifetimeException => "expired, not yet valid or without expiry",
        null => "unknown",
        _ => exception.GetType().Name,
    };
}
