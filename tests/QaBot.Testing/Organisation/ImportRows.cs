using QaBot.Core.Organisation.Import;

namespace QaBot.Testing.Organisation;

/// <summary>
/// Rows for the directory import, written as a file gives them but with <c>|</c> between the fields, so that tests of
/// the planner need no CSV reader. Lines are numbered as in a file whose header is line 1.
/// </summary>
public static class ImportRows
{
    /// <summary>People: <c>objectId|upn|displayName|jobTitle|roles|areaPath|managerUpn|startDate</c>.</summary>
    public static IReadOnlyList<PersonRow> People(params string[] rows) =>
        [.. rows.Select((row, i) =>
        {
            var f = Fields(row, 8);
            return new PersonRow(i + 2, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
        })];

    /// <summary>Areas: <c>path|kind</c>.</summary>
    public static IReadOnlyList<AreaRow> Areas(params string[] rows) =>
        [.. rows.Select((row, i) =>
        {
            var f = Fields(row, 2);
            return new AreaRow(i + 2, f[0], f[1]);
        })];

    private static string[] Fields(string row, int count)
    {
        var fields = row.Split('|');
        return fields.Length == count
            ? fields
            : throw new ArgumentException($"A test row needs {count} fields separated by '|'; '{row}' has {fields.Length}.", nameof(row));
    }
}
