using QaBot.Core.Framework;

namespace QaBot.Core.Organisation.Import;

/// <summary>What an import is checked against: the rows, the catalogue's roles and the directory as stored.</summary>
/// <param name="Areas">The complete area tree to apply, or null to keep the stored one.</param>
/// <param name="Source">The records this import manages (<see cref="Person.Sources"/>): people from this source missing from the file are deactivated.</param>
/// <param name="Today">The council's local date: start of new role history, end of removed roles, leaving date.</param>
public sealed record DirectoryImportInput(
    string PeopleFile,
    IReadOnlyList<PersonRow> People,
    string? AreasFile,
    IReadOnlyList<AreaRow>? Areas,
    IReadOnlySet<RoleId> KnownRoles,
    DirectorySnapshot Current,
    string Source,
    DateOnly Today,
    OrganisationPolicy Policy);
