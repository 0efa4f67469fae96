
namespace QaBot.Core.Organisation;

/// <summary>The whole stored directory with the version of each record, for changes that must not overwrite others' work.</summary>
public sealed record DirectorySnapshot(
    IReadOnlyList<Versioned<Area>> Areas,
    IReadOnlyList<Versioned<Person>> People)
{
    public static DirectorySnapshot Empty { get; } = new([], []);

    /// <summary>Recorded leave and absence (docs/workforce.md).</summary>
    public IReadOnlyList<Absence> Absences { get; init; } = [];

    public AreaTree Tree => new(Areas.Select(a => a.Value));

    public OrganisationChart ToChart(OrganisationPolicy policy) => new(Tree, People.Select(p => p.Value), policy) { Absences = new Absences(Absences) };
}
