using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using QaBot.Application.Organisation;
using QaBot.Composition;
using QaBot.Core.Organisation;

namespace QaBot.Bot.Dashboard;

/// <summary>
/// Who is asking, from the directory: the signed-in person's <c>oid</c> (a token validated by <see cref="DashboardServices.Scheme"/>
/// and holding the dashboard's scope), or in local development the configured demo person, under the bot's own
/// local-mode rules (no <c>Bot:AppId</c>, the Development environment, a caller directly on this machine).
/// </summary>
internal sealed partial class DashboardViewer
{
    private readonly IDirectoryStore _directory;
    private readonly DashboardOptions _options;
    private readonly bool _botIsLocal;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<DashboardViewer> _logger;

    public DashboardViewer(IDirectoryStore directory, IOptions<DashboardOptions> options, IServiceProvider services, IHostEnvironment environment, ILogger<DashboardViewer> logger)
    {
        _directory = directory;
        _options = options.Value;
        _botIsLocal = ConversationProtocol.HostIdentity(services).IsLocalDevelopment;
        _environment = environment;
        _logger = logger;
    }

    /// <summary>True when the dashboard acts as <see cref="DashboardOptions.LocalPerson"/> without sign-in.</summary>
    public bool IsLocalMode => !_options.SignInConfigured && _botIsLocal && _environment.IsDevelopment();

    /// <summary>The person, or the refusal to send (401 without a valid token, 403 for someone not in the staff list).</summary>
    public async Task<(Person? Person, IResult? Refusal)> ResolveAsync(HttpContext context)
    {
        PersonId id;
        if (IsLocalMode)
        {
            if (!ConversationProtocol.IsDirectlyOnThisMachine(context))
            {
                LogRefused(_logger, "local development: the caller is not directly on this machine");
                return (null, Results.Problem("The dashboard runs without sign-in only for callers on this machine.", statusCode: StatusCodes.Status401Unauthorized));
            }

            if (!PersonId.TryParse(_options.LocalPerson, out id))
            {
                return (null, Results.Problem("Local development: set Dashboard:LocalPerson to the demo person to act as (./run --as does).", statusCode: StatusCodes.Status401Unauthorized));
            }
        }
        else
        {
            if (!_options.SignInConfigured)
            {
                return (null, Unauthorized(context, "sign-in is not configured (Dashboard:ClientId)"));
            }

            var result = await context.AuthenticateAsync(DashboardServices.Scheme).ConfigureAwait(false);
            if (!result.Succeeded || result.Principal is not { } principal)
            {
                return (null, Unauthorized(context, result.Failure is null ? "no bearer token" : "the token is not valid"));
            }

            var scopes = (principal.FindFirst("scp")?.Value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!scopes.Contains(_options.Scope, StringComparer.Ordinal))
            {
                return (null, Unauthorized(context, "the token does not hold the dashboard's scope"));
            }

            if (!PersonId.TryParse(principal.FindFirst("oid")?.Value, out id))
            {
                return (null, Unauthorized(context, "the token names no user (oid)"));
            }
        }

        var person = await _directory.GetPersonAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (person is not { Active: true })
        {
            LogUnknown(_logger, id.Value);
            return (null, Results.Problem("You are not in QaBot's staff list: ask the QA team to add you.", statusCode: StatusCodes.Status403Forbidden));
        }

        return (person, null);
    }

    private IResult Unauthorized(HttpContext context, string reason)
    {
        LogRefused(_logger, reason);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem("Sign in through Teams to see the dashboard.", statusCode: StatusCodes.Status401Unauthorized);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Dashboard request refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Dashboard request from {PersonId}, who is not an active person in the directory")]
    private static partial void LogUnknown(ILogger logger, string personId);
}
