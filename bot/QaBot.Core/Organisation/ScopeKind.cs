namespace QaBot.Core.Organisation;

public enum ScopeKind
{
    /// <summary>Only the person's own items.</summary>
    OwnItems,

    /// <summary>Items in the areas the person leads, with names (and always their own items).</summary>
    Areas,

    /// <summary>
    /// The whole department with names, in every answer and report, whatever area the person is placed in: the QA team
    /// and the Head of Performance, Quality &amp; Participation (and always their own items).
    /// </summary>
    Department,

    /// <summary>Counts by area and duty in the areas, without staff names (elected members); their own items too.</summary>
    CountsOnly,
}
