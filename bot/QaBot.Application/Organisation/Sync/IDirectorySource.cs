namespace QaBot.Application.Organisation.Sync;

/// <summary>The organisation's own directory (Microsoft Graph in production), read in full for a directory sync.</summary>
public interface IDirectorySource
{
    /// <summary>Every user the configured filter selects, enabled or not, each with their manager's id; all pages read.</summary>
    Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken = default);
}
