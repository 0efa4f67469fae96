namespace QaBot.Core.Organisation.Import;

/// <summary>One person as an import gives them, fields as written (checked by <see cref="DirectoryImportPlanner"/>).</summary>
public sealed record PersonRow(
    int Line,
    string ObjectId,
    string Upn,
    string DisplayName,
    string JobTitle,
    string Roles,
    string AreaPath,
    string ManagerUpn,
    string StartDate);
