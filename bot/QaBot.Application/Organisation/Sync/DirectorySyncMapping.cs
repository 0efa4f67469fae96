using QaBot.Core.Organisation.Import;

namespace QaBot.Application.Organisation.Sync;

/// <summary>Directory users turned into the rows a directory import checks, with what was left out and why.</summary>
/// <param name="Users">The object id of each row's user, by the row's line number.</param>
/// <param name="OutOfScope">Enabled users no area rule places: not in the department.</param>
/// <param name="Disabled">Users whose account is disabled: treated as having left.</param>
/// <param name="ManagersOutside">Rows whose manager is outside the department: kept without a line manager.</param>
public sealed record DirectorySyncMapping(
    IReadOnlyList<PersonRow> Rows,
    IReadOnlyDictionary<int, string> Users,
    int OutOfScope,
    int Disabled,
    int ManagersOutside);
