namespace QaBot.Core.Organisation;

/// <summary>
/// "My area": the Executive Director leads the whole department, a director their division, a head of service their
/// services, a team manager their team (each by being placed in the area they lead and holding a leader role);
/// the QA team and the Head of Performance, Quality &amp; Participation see the whole department with names; elected
/// members monitor the whole department as counts without names; everyone else sees their own items.
/// </summary>
public static class ScopeRules
{
    public static Scope For(Person viewer, OrganisationPolicy policy, AreaTree areas, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(areas);

        // Checked first: the Head of Performance, Quality & Participation also leads their own service.
        if (policy.SeesDepartment(viewer, on) && areas.Root is { } department)
        {
            return new Scope(viewer.Id, ScopeKind.Department, [department.Id]);
        }

        if (policy.Leads(viewer, on))
        {
            return new Scope(viewer.Id, ScopeKind.Areas, Outermost(viewer.Areas.Where(areas.IsCurrent)));
        }

        if (policy.Monitors(viewer, on) && areas.Root is { } root)
        {
            return new Scope(viewer.Id, ScopeKind.CountsOnly, [root.Id]);
        }

        return new Scope(viewer.Id, ScopeKind.OwnItems, []);
    }

    /// <summary>Drops areas that lie inside another area of the list.</summary>
    public static IReadOnlyList<AreaId> Outermost(IEnumerable<AreaId> areas)
    {
        var list = areas.Distinct().ToList();
        return list.Where(a => !list.Any(other => other != a && a.IsWithin(other))).ToList();
    }
}
