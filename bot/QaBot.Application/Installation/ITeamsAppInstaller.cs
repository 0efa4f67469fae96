using QaBot.Core.Organisation;

namespace QaBot.Application.Installation;

/// <summary>Installs QaBot in a person's Teams (Microsoft Graph in production). Refusals are values, not exceptions.</summary>
public interface ITeamsAppInstaller
{
    /// <summary>Installs the app for the person (already installed counts as success) and finds their personal chat with it.</summary>
    Task<AppInstallAttempt> InstallAsync(PersonId person, CancellationToken cancellationToken = default);
}
