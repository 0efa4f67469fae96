using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using QaBot.Composition;

namespace QaBot.Bot.Dashboard;

/// <summary>
/// The dashboard's sign-in: Teams SSO tokens validated as Entra ID v2 access tokens by JwtBearer (issuer
/// <c>{Instance}/{tenant}/v2.0</c>, audience the tab registration's client id, keys from the tenant's metadata,
/// lifetime against the host's clock with five minutes' skew).
/// </summary>
public static class DashboardServices
{
    public const string Scheme = "Dashboard";

    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidation>();
        services.AddAuthentication().AddJwtBearer(Scheme);
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<DashboardOptions>, IServiceProvider, TimeProvider>((jwt, dashboard, provider, time) =>
        {
            var options = dashboard.Value;
            var tenant = options.EffectiveTenant(ConversationProtocol.HostIdentity(provider).TenantId);
            jwt.MapInboundClaims = false;
            jwt.RequireHttpsMetadata = true;
            jwt.MetadataAddress = options.EffectiveMetadataUrl(tenant);
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = DashboardOptions.IssuerFor(options.Instance, tenant),
                ValidateAudience = true,
                ValidAudience = options.ClientId,
                RequireAudience = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = ClockSkew,
                LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, time.GetUtcNow()),
            };
        });
        services.AddAuthorization();
        services.AddSingleton<DashboardViewer>();
        return services;
    }

    // Checked against the injected clock, as the bot's own tokens are, so the rule is the same in tests and in production.
    internal static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTimeOffset now)
    {
        if (expires is null)
        {
            return false;
        }

        var utc = now.UtcDateTime;
        if (notBefore is { } start && start.ToUniversalTime() > utc + ClockSkew)
        {
            return false;
        }

        return expires.Value.ToUniversalTime() >= utc - ClockSkew;
    }
}
