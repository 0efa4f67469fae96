namespace QaBot.Core.Organisation.Import;

/// <summary>
/// The result of checking an import: either problems (and then nothing may be written) or the exact changes that
/// bring the stored directory in line with the file. An unchanged file gives no changes.
/// </summary>
/// <param name="Warnings">Things worth knowing that do not stop the import (a leaver with nobody to take their items).</param>
/// <param name="Desired">The directory as it will be after the import.</param>
public sealed record DirectoryImportPlan(
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<AreaChange> AreaChanges,
    IReadOnlyList<PersonChange> PersonChanges,
    int UnchangedPeople,
    OrganisationChart? Desired)
{
    public bool IsValid => Problems.Count == 0;

    public bool HasChanges => AreaChanges.Count > 0 || PersonChanges.Count > 0;
}
