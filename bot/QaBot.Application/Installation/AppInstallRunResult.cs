using QaBot.Core.Organisation;

namespace QaBot.Application.Installation;

/// <summary>What an install run did, person by person.</summary>
/// <param name="Reachable">Active people with a working conversation: nothing to do.</param>
/// <param name="Waiting">People installed recently who have no conversation yet: left until Graph:InstallRecheckInterval has passed.</param>
/// <param name="Attempts">Each person tried, with the outcome (empty for a dry run).</param>
/// <param name="Candidates">The people a run would try.</param>
public sealed record AppInstallRunResult(
    int Reachable,
    int Waiting,
    IReadOnlyList<PersonId> Candidates,
    IReadOnlyList<AppInstallRecord> Attempts)
{
    public int Count(AppInstallStatus status) => Attempts.Count(a => a.Status == status);

    public bool Succeeded => Count(AppInstallStatus.Failed) == 0;
}
