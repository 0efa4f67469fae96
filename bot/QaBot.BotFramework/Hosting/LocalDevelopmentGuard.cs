using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace QaBot.BotFramework.Hosting;

/// <summary>
/// Where local-development mode (no <c>Bot:AppId</c>, no inbound authentication) may run: the Development environment,
/// not on App Service, and only for requests that reached the bot directly. A proxy on the same machine (a dev tunnel,
/// a sidecar, App Service's front end) would make every caller look like loopback, and forwarded headers would let a
/// caller claim to be loopback; a request carrying any of them is refused.
/// </summary>
internal sealed class LocalDevelopmentGuard : IValidateOptions<BotOptions>
{
    /// <summary>Set by App Service on every site (https://learn.microsoft.com/azure/app-service/reference-app-settings).</summary>
    internal static readonly string[] AppServiceVariables = ["WEBSITE_SITE_NAME", "WEBSITE_INSTANCE_ID"];

    private readonly IHostEnvironment _environment;
    private readonly IConfiguration _configuration;

    public LocalDevelopmentGuard(IHostEnvironment environment, IConfiguration configuration)
    {
        _environment = environment;
        _configuration = configuration;
    }

    /// <summary>
    /// True when the request names a proxy: <c>Forwarded</c>, any <c>X-Forwarded-*</c>, or <c>X-Original-*</c> (which
    /// ASP.NET Core's forwarded-headers middleware leaves behind after rewriting the caller's address).
    /// </summary>
    public static bool CameThroughProxy(IHeaderDictionary headers) =>
        headers.Keys.Any(name =>
            name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("X-Original-", StringComparison.OrdinalIgnoreCase));

    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        if (!options.IsLocalDevelopment)
        {
            return ValidateOptionsResult.Success;
        }

        if (!_environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(
                $"Bot:AppId is empty, which turns inbound authentication off; that is allowed only in the Development environment, and this host runs in '{_environment.EnvironmentName}'. " +
                "Set Bot:AppId, Bot:TenantId and Bot:Credential (see docs/configuration.md).");
        }

        if (AppServiceVariables.Any(variable => !string.IsNullOrEmpty(_configuration[variable])))
        {
            return ValidateOptionsResult.Fail(
                "Bot:AppId is empty, which turns inbound authentication off, and this host runs on Azure App Service: local-development mode never runs in a deployment. " +
                "Set Bot:AppId, Bot:TenantId and Bot:Credential (see docs/deploy.md).");
        }

        return ValidateOptionsResult.Success;
    }
}
