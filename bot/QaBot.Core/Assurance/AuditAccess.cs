using QaBot.Core.Organisation;

namespace QaBot.Core.Assurance;

/// <summary>
/// What of an audit a person may see, decided on the server: the QA team (the department roles) every case; an
/// auditor the cases allocated to them; anyone else nothing.
/// </summary>
public static class AuditAccess
{
    public static IReadOnlyList<AuditedCase> CasesVisibleTo(Person viewer, CaseAudit audit, OrganisationPolicy policy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(audit);
        if (!viewer.Active)
        {
            return [];
        }

        return SeesEveryAudit(viewer, policy, on) ? audit.Cases : [.. audit.Cases.Where(c => c.Auditor == viewer.Id)];
    }

    /// <summary>Whether the viewer sees the whole programme (the QA team) rather than their own allocations.</summary>
    public static bool SeesEveryAudit(Person viewer, OrganisationPolicy policy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(policy);
        return viewer.Active && viewer.RolesOn(on).Any(policy.DepartmentRoles.Contains);
    }
}
