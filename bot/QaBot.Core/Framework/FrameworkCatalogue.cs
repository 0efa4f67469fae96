namespace QaBot.Core.Framework;

/// <summary>The council's Quality &amp; Performance Framework as data: roles and their duties, general duties and governance bodies.</summary>
public sealed record FrameworkCatalogue(
    IReadOnlyList<Role> Roles,
    IReadOnlyList<GeneralDuty> GeneralDuties,
    IReadOnlyList<GovernanceBody> Bodies)
{
    public IEnumerable<Duty> Duties => Roles.SelectMany(r => r.Duties);

    /// <summary>
    /// The number of task lines: distinct source rows. One line of the table may hold two duties (the team managers'
    /// supervision and My Plan/PDR), so this can be less than the number of duties.
    /// </summary>
    public int TaskLineCount => Duties.Select(d => d.SourceRow).Distinct().Count();

    /// <summary>The appendix levels, in the appendix's order.</summary>
    public IReadOnlyList<BodyLevel> Levels { get; init; } = [];

    /// <summary>The appendix groups, in the appendix's order.</summary>
    public IReadOnlyList<BodyGroup> Groups { get; init; } = [];

    /// <summary>The statutory rules that duties name.</summary>
    public IReadOnlyList<StatutoryRuleDeclaration> StatutoryRules { get; init; } = [];

    /// <summary>The framework's version: 1 for the first, one more for each change the QA team makes (the file's <c>version</c>).</summary>
    public int Version { get; init; } = 1;

    /// <summary>The day this version takes effect; none for a first version, which has always been in effect.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>The readings of ambiguous frequency words the catalogue was loaded with.</summary>
    public FrequencySettings? Settings { get; init; }

    public Role? FindRole(RoleId id) => Roles.FirstOrDefault(r => r.Id == id);

    public Duty? FindDuty(DutyId id) => Duties.FirstOrDefault(d => d.Id == id);

    public GovernanceBody? FindBody(BodyId id) => Bodies.FirstOrDefault(b => b.Id == id);

    /// <summary>The duties of these roles that have no set rhythm, in the framework's order, each once.</summary>
    public IReadOnlyList<Duty> LoggableDuties(IEnumerable<RoleId> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles
            .Select(FindRole)
            .OfType<Role>()
            .SelectMany(r => r.Duties)
            .Where(d => d.IsLoggedNotReminded)
            .DistinctBy(d => d.Id)
            .ToList();
    }
}
