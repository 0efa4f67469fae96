namespace QaBot.Core.Organisation.Import;

/// <summary>
/// The people file: UTF-8 CSV with the header <c>objectId,upn,displayName,jobTitle,roles,areaPath,managerUpn,startDate</c>.
/// See docs/people-import.md.
/// </summary>
public static class PeopleCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["objectId", "upn", "displayName", "jobTitle", "roles", "areaPath", "managerUpn", "startDate"];

    public static IReadOnlyList<PersonRow> Parse(string text, string fileName, List<ImportProblem> problems) =>
        ImportFile.Read(text, fileName, Columns, (line, get) => new PersonRow(
            line,
            get("objectId"),
            get("upn"),
            get("displayName"),
            get("jobTitle"),
            get("roles"),
            get("areaPath"),
            get("managerUpn"),
            get("startDate")), problems);
}
