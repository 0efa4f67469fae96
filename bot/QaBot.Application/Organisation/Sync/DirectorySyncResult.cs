using QaBot.Application.Organisation.Import;
using QaBot.Core.Organisation.Import;

namespace QaBot.Application.Organisation.Sync;

/// <summary>
/// What a directory sync found and did. <see cref="Problems"/> or <see cref="Refusal"/> mean nothing was written;
/// <see cref="Applied"/> is null for a dry run.
/// </summary>
public sealed record DirectorySyncResult(
    int UsersRead,
    DirectorySyncMapping? Mapping,
    DirectoryImportPlan? Plan,
    IReadOnlyList<string> Problems,
    string? Refusal,
    DirectoryImportResult? Applied)
{
    public bool Succeeded => Problems.Count == 0 && Refusal is null && (Applied is null || Applied.Conflicts.Count == 0);
}
