using QaBot.Core.Organisation;

namespace QaBot.Core.Assurance;

/// <summary>
/// What of the audit programme a person may see, decided on the server. The QA team (the department roles) and
/// leaders see every audit in progress as counts; an auditor sees the cases allocated to them, by reference; anyone
/// else nothing. Case records themselves are read under <see cref="ReviewAccess"/>.
/// </summary>
public static class AuditAccess
{
    /// <summary>Whether the viewer sees the whole programme's counts rather than only their own allocations.</summary>
    public static bool SeesProgramme(Person viewer, OrganisationPolicy policy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(policy);
        return policy.SeesDepartment(viewer, on) || policy.Leads(viewer, on);
    }

    /// <summary>The cases of <paramref name="audit"/> allocated to the viewer: the only ones named to them by reference.</summary>
    public static IReadOnlyList<AuditedCase> OwnCases(Person viewer, CaseAudit audit)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(audit);
        return viewer.Active ? [.. audit.Cases.Where(c => c.Auditor == viewer.Id)] : [];
    }
}
