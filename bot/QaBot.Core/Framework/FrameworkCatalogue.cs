namespace QaBot.Core.Framework;

/// <summary>The council's Quality &amp; Performance Framework as data: roles and their duties, general duties and governance bodies.</summary>
public sealed record FrameworkCatalogue(
    IReadOnlyList<Role> Roles,
    IReadOnlyList<GeneralDuty> GeneralDuties,
    IReadOnlyList<GovernanceBody> Bodies)
{
    public IEnumerable<Duty> Duties => Roles.SelectMany(r => r.Duties);

    public Role? FindRole(RoleId id) => Roles.FirstOrDefault(r => r.Id == id);

    public Duty? FindDuty(DutyId id) => Duties.FirstOrDefault(d => d.Id == id);
}
