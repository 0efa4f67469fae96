using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation.Sync;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Reads users from Microsoft Graph (<c>GET /users</c>, application permission User.Read.All) with the fields
/// directory sync maps and each user's manager expanded, following @odata.nextLink through every page.
/// </summary>
internal sealed class GraphDirectorySource : IDirectorySource
{
    internal static readonly string[] Fields =
        ["id", "userPrincipalName", "displayName", "jobTitle", "department", "accountEnabled", "employeeHireDate"];

    private readonly Func<GraphServiceClient> _client;
    private readonly DirectorySyncOptions _options;

    public GraphDirectorySource(Func<GraphServiceClient> client, IOptions<GraphSyncOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value.DirectorySync;
    }

    public async Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        var client = _client();
        var first = await client.Users.GetAsync(request =>
        {
            request.QueryParameters.Select = Fields;
            request.QueryParameters.Expand = ["manager($select=id)"];
            request.QueryParameters.Top = _options.PageSize;
            if (!string.IsNullOrWhiteSpace(_options.UserFilter))
            {
                request.QueryParameters.Filter = _options.UserFilter;
            }
        }, cancellationToken).ConfigureAwait(false);

        var users = new List<DirectoryUser>();
        if (first is null)
        {
            return users;
        }

        var pages = PageIterator<User, UserCollectionResponse>.CreatePageIterator(client, first, user =>
        {
            if (user.Id is { } id && user.UserPrincipalName is { } upn)
            {
                users.Add(new DirectoryUser(
                    id,
                    upn,
                    user.DisplayName ?? upn,
                    user.JobTitle,
                    user.Department,
                    user.AccountEnabled ?? true,
                    user.Manager?.Id,
                    user.EmployeeHireDate is { } hired ? DateOnly.FromDateTime(hired.UtcDateTime) : null));
            }

            return true;
        });
        await pages.IterateAsync(cancellationToken).ConfigureAwait(false);
        return users;
    }
}
