using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace QaBot.BotFramework.Hosting;

/// <summary>Says at start-up how inbound requests are authenticated, and loudly when they are not.</summary>
internal sealed partial class BotAuthenticationStartupLog : IHostedService
{
    private readonly BotOptions _options;
    private readonly ILogger _logger;

    public BotAuthenticationStartupLog(IOptions<BotOptions> options, ILogger<BotAuthenticationStartupLog> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.IsLocalDevelopment)
        {
            LogAuthenticationOff(_logger);
        }
        else
        {
            var issuers = string.Join(", ", _options.EffectiveIssuers);
            LogAuthenticationOn(_logger, _options.AppId, issuers, _options.EffectiveAllowedTenants.Count, _options.Credential);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message =
        "INBOUND AUTHENTICATION IS OFF: Bot:AppId is empty, so /api/messages accepts unauthenticated requests from this machine (loopback) only, " +
        "and replies are sent without a token. This is for local development with the Agents Playground. " +
        "Never run a deployed bot like this: set Bot:AppId, Bot:TenantId and Bot:Credential.")]
    private static partial void LogAuthenticationOff(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message =
        "Inbound authentication is on for app id {AppId}: issuers {Issuers}, {TenantCount} allowed tenant(s); outbound credential {Credential}")]
    private static partial void LogAuthenticationOn(ILogger logger, string appId, string issuers, int tenantCount, BotCredentialKind credential);
}
