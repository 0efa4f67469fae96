using QaBot.Core.Framework;

namespace QaBot.Core.Organisation;

/// <summary>
/// Someone in the staff directory: a member of staff or an elected member.
/// </summary>
/// <param name="Areas">The areas the person works in; the first is their home area, where their own items are kept.
/// A leader leads every area listed (a head of service over two services lists both).</param>
/// <param name="Roles">Every role assignment, current and ended.</param>
/// <param name="LineManager">Null when they have none; then escalation goes to the head of the area above.</param>
/// <param name="Active">False once they have left; the record and their history are kept.</param>
/// <param name="LeftOn">The date they were deactivated.</param>
/// <param name="Source">Where the record comes from (<see cref="Sources"/>): an import only deactivates people it manages.</param>
public sealed record Person(
    PersonId Id,
    string Upn,
    string DisplayName,
    string JobTitle,
    IReadOnlyList<AreaId> Areas,
    IReadOnlyList<RoleAssignment> Roles,
    PersonId? LineManager,
    DateOnly StartDate,
    bool Active,
    DateOnly? LeftOn,
    string Source)
{
    public AreaId HomeArea => Areas[0];

    public IEnumerable<RoleAssignment> CurrentRoles => Roles.Where(r => r.IsCurrent);

    public bool HoldsRole(RoleId role, DateOnly on) => Roles.Any(r => r.Role == role && r.HeldOn(on));

    public IEnumerable<RoleId> RolesOn(DateOnly on) => Roles.Where(r => r.HeldOn(on)).Select(r => r.Role).Distinct();

    public bool WorksIn(AreaId area) => Areas.Any(a => a.IsWithin(area));

    /// <summary>True when both records say the same thing (lists compared item by item).</summary>
    public bool SameAs(Person other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Id == other.Id
            && string.Equals(Upn, other.Upn, StringComparison.Ordinal)
            && string.Equals(DisplayName, other.DisplayName, StringComparison.Ordinal)
            && string.Equals(JobTitle, other.JobTitle, StringComparison.Ordinal)
            && Areas.SequenceEqual(other.Areas)
            && Roles.SequenceEqual(other.Roles)
            && LineManager == other.LineManager
            && StartDate == other.StartDate
            && Active == other.Active
            && LeftOn == other.LeftOn
            && string.Equals(Source, other.Source, StringComparison.Ordinal);
    }

    /// <summary>Where directory records come from.</summary>
    public static class Sources
    {
        public const string CsvImport = "csv";
        public const string Graph = "graph";
        public const string Demo = "demo";
    }
}
