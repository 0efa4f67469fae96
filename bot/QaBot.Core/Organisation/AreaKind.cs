namespace QaBot.Core.Organisation;

/// <summary>The levels of the department's structure, from the top. A branch may skip levels (a team directly under a service).</summary>
public enum AreaKind
{
    Department = 0,
    Division = 1,
    Service = 2,
    Locality = 3,
    Team = 4,
}
