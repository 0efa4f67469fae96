using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Application.Configuration;

/// <summary>
/// Who sees the whole department: the <c>Access</c> section. An empty list means
/// <see cref="OrganisationPolicy.DefaultDepartmentRoles"/> (the QA team and the Head of Performance, Quality &amp; Participation).
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>Role ids whose holders see the whole department with names in every answer and report.</summary>
    public IList<string> DepartmentRoles { get; } = [];

    /// <summary>The policy given, with these department roles.</summary>
    public OrganisationPolicy Apply(OrganisationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var roles = DepartmentRoles.Count > 0 ? [.. DepartmentRoles] : OrganisationPolicy.DefaultDepartmentRoles;
        return policy with { DepartmentRoles = roles.Select(r => new RoleId(r)).ToHashSet() };
    }
}
