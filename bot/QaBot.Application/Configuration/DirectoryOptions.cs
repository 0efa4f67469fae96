using QaBot.Core.Organisation;

namespace QaBot.Application.Configuration;

/// <summary>
/// How roles in the framework catalogue map to what people may see. A leader role leads the areas its holder works
/// in (an Executive Director placed at the department sees the whole department; a team manager placed in a team sees
/// that team); a monitoring role (elected members) sees counts for the whole department without staff names.
/// Empty lists mean the defaults in <see cref="OrganisationPolicy"/>.
/// </summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>Role ids whose holders lead the areas they work in.</summary>
    public IList<string> LeaderRoles { get; } = [];

    /// <summary>Role ids whose holders monitor performance: counts by area and duty, no names.</summary>
    public IList<string> MonitorRoles { get; } = [];

    /// <summary>
    /// The user principal name of the member-support officer who hears about elected members' overdue items (members
    /// have no line manager and their items never escalate to officers); empty, and nobody does.
    /// </summary>
    public string? MemberSupportOfficer { get; set; }

    /// <summary>The policy these settings describe: the defaults where a list is empty.</summary>
    public OrganisationPolicy ToPolicy() => OrganisationPolicy.Create(
        LeaderRoles.Count > 0 ? [.. LeaderRoles] : OrganisationPolicy.DefaultLeaderRoles,
        MonitorRoles.Count > 0 ? [.. MonitorRoles] : OrganisationPolicy.DefaultMonitorRoles)
        with { MemberSupportUpn = string.IsNullOrWhiteSpace(MemberSupportOfficer) ? null : MemberSupportOfficer.Trim() };
}
