using QaBot.Core.Organisation;

namespace QaBot.Application.Installation;

/// <summary>The last install attempt for each person.</summary>
public interface IAppInstallationStore
{
    Task<AppInstallRecord?> GetAsync(PersonId person, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AppInstallRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves (or replaces) the person's record: the last attempt wins.</summary>
    Task SaveAsync(AppInstallRecord record, CancellationToken cancellationToken = default);
}
