namespace QaBot.Application.Installation;

public enum AppInstallStatus
{
    /// <summary>QaBot installed the app for the person.</summary>
    Installed,

    /// <summary>The app was already installed for the person (Graph answered 409).</summary>
    AlreadyInstalled,

    /// <summary>The install was refused or could not be made; <see cref="AppInstallRecord.Error"/> says why.</summary>
    Failed,
}
