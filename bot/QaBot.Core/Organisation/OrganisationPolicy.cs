using QaBot.Core.Framework;

namespace QaBot.Core.Organisation;

/// <summary>
/// Which roles lead areas and which only monitor them (configured in the <c>Directory</c> section), and which see the
/// whole department with names (<c>Access:DepartmentRoles</c>).
/// </summary>
public sealed record OrganisationPolicy(IReadOnlySet<RoleId> LeaderRoles, IReadOnlySet<RoleId> MonitorRoles)
{
    /// <summary>The QA team's role and the Head of Performance, Quality &amp; Participation, who report on the whole department.</summary>
    public static readonly IReadOnlyList<string> DefaultDepartmentRoles =
    [
        "head-of-performance-quality-participation",
        "qa-complaints-manager",
    ];

    /// <summary>Roles whose holders see the whole department with names in every answer and report.</summary>
    public IReadOnlySet<RoleId> DepartmentRoles { get; init; } = DefaultDepartmentRoles.Select(r => new RoleId(r)).ToHashSet();

    /// <summary>The framework's managing roles: the Executive Director, directors, heads of service and team managers.</summary>
    public static readonly IReadOnlyList<string> DefaultLeaderRoles =
    [
        "executive-director",
        "service-director",
        "director-early-help-safeguarding",
        "director-schools-learning",
        "director-performance-quality-partnerships",
        "assistant-director-head-of-service",
        "head-of-service-early-help-safeguarding",
        "head-of-child-protection-iro",
        "head-of-children-in-care-provision",
        "head-of-performance-quality-participation",
        "qa-complaints-manager",
        "team-manager",
    ];

    /// <summary>The elected members' roles: every member, and the lead member for children's services.</summary>
    public static readonly IReadOnlyList<string> DefaultMonitorRoles = ["elected-member", "lead-member"];

    /// <summary>
    /// The member-support officer (a user principal name, <c>Directory:MemberSupportOfficer</c>) who hears about elected
    /// members' overdue items; none, and nobody does. Members are not staff: their items never go up an officer's line.
    /// </summary>
    public string? MemberSupportUpn { get; init; }

    public static OrganisationPolicy Default { get; } = Create(DefaultLeaderRoles, DefaultMonitorRoles);

    public static OrganisationPolicy Create(IEnumerable<string> leaderRoles, IEnumerable<string> monitorRoles) =>
        new(
            leaderRoles.Select(r => new RoleId(r)).ToHashSet(),
            monitorRoles.Select(r => new RoleId(r)).ToHashSet());

    public bool Leads(Person person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Active && person.RolesOn(on).Any(LeaderRoles.Contains);
    }

    public bool SeesDepartment(Person person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Active && person.RolesOn(on).Any(DepartmentRoles.Contains);
    }

    /// <summary>
    /// An elected member rather than an officer: everything the person holds on the day is a monitoring role (someone
    /// who holds an officer's role as well is treated as an officer).
    /// </summary>
    public bool IsMember(Person person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(person);
        var roles = person.RolesOn(on).ToList();
        return roles.Count > 0 && roles.TrueForAll(MonitorRoles.Contains);
    }

    public bool Monitors(Person person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Active && person.RolesOn(on).Any(MonitorRoles.Contains);
    }
}
