using QaBot.Core.Organisation.Import;

namespace QaBot.Cli.Commands;

/// <summary>The rows an import checks: people, and the whole area tree when one is given.</summary>
internal sealed record DirectoryImportInputRows(
    string PeopleFile,
    IReadOnlyList<PersonRow> People,
    string? AreasFile,
    IReadOnlyList<AreaRow>? Areas);
