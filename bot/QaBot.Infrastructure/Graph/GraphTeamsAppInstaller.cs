using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using QaBot.Application.Configuration;
using QaBot.Application.Installation;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Installs QaBot in a person's Teams through Microsoft Graph (application permission
/// TeamsAppInstallation.ReadWriteSelfForUser.All: this app can install only itself, for any user):
/// <c>POST /users/{id}/teamwork/installedApps</c> (409 means already installed), then the installation's chat.
/// </summary>
internal sealed class GraphTeamsAppInstaller : ITeamsAppInstaller
{
    private readonly Func<GraphServiceClient> _client;
    private readonly string? _catalogId;

    public GraphTeamsAppInstaller(Func<GraphServiceClient> client, IOptions<GraphSyncOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _catalogId = options.Value.TeamsAppCatalogId;
    }

    public async Task<AppInstallAttempt> InstallAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(_catalogId))
        {
            throw new InvalidOperationException("Graph:TeamsAppCatalogId is not set: installs are off (docs/deploy.md, step 10).");
        }

        var installedApps = _client().Users[person.Value].Teamwork.InstalledApps;
        AppInstallStatus status;
        try
        {
            var install = new UserScopeTeamsAppInstallation
            {
                AdditionalData = new Dictionary<string, object>
                {
                    ["teamsApp@odata.bind"] = $"https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{_catalogId}",
                },
            };
            // A repeated install answers 409 (already installed), so the request may be sent again.
            await installedApps.PostAsync(install, r => r.Options.Add(GraphResilience.Idempotent), cancellationToken).ConfigureAwait(false);
            status = AppInstallStatus.Installed;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 409)
        {
            status = AppInstallStatus.AlreadyInstalled;
        }
        catch (ODataError e)
        {
            return AppInstallAttempt.Failed(e.ResponseStatusCode, e.Error?.Code);
        }
        catch (HttpRequestException)
        {
            return AppInstallAttempt.Failed(null, "NetworkFailure");
        }

        return new AppInstallAttempt(status, await ChatIdAsync(installedApps, cancellationToken).ConfigureAwait(false), null, null);
    }

    /// <summary>
    /// The personal chat between the person and QaBot. The install has happened whatever this finds: a chat Graph cannot
    /// give yet (it can lag the install) is left for the bot's installationUpdate.
    /// </summary>
    private async Task<string?> ChatIdAsync(Microsoft.Graph.Users.Item.Teamwork.InstalledApps.InstalledAppsRequestBuilder installedApps, CancellationToken cancellationToken)
    {
        try
        {
            var found = await installedApps.GetAsync(request =>
            {
                request.QueryParameters.Expand = ["teamsApp"];
                request.QueryParameters.Filter = $"teamsApp/id eq '{_catalogId}'";
            }, cancellationToken).ConfigureAwait(false);
            if (found?.Value?.FirstOrDefault()?.Id is not { } installationId)
            {
                return null;
            }

            var chat = await installedApps[installationId].Chat.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return chat?.Id;
        }
        catch (ODataError)
        {
            return null;
        }
    }
}
