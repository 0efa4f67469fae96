namespace QaBot.Core.Organisation.Import;

/// <summary>The areas file: UTF-8 CSV with the header <c>path,kind</c>, one row per area. See docs/people-import.md.</summary>
public static class AreasCsv
{
    public static readonly IReadOnlyList<string> Columns = ["path", "kind"];

    public static IReadOnlyList<AreaRow> Parse(string text, string fileName, List<ImportProblem> problems) =>
        ImportFile.Read(text, fileName, Columns, (line, get) => new AreaRow(line, get("path"), get("kind")), problems);
}
