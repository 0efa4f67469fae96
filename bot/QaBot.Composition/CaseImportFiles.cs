using QaBot.Core.Cases;
using QaBot.Core.Organisation.Import;

namespace QaBot.Composition;

/// <summary>Reads a case import file (docs/statutory.md) into rows, with the same CSV handling as the people import.</summary>
public static class CaseImportFiles
{
    /// <summary>The rows, or null when the file cannot be read at all (missing, not UTF-8); problems are added to <paramref name="problems"/>.</summary>
    public static async Task<IReadOnlyList<CaseImportRow>?> ReadAsync(string path, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            problems.Add(new ImportProblem(name, 0, null, $"file not found: {path}"));
            return null;
        }

        return Read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), name, problems);
    }

    public static IReadOnlyList<CaseImportRow>? Read(ReadOnlyMemory<byte> utf8, string fileName, List<ImportProblem> problems) =>
        DirectoryImportFiles.Read(utf8, fileName, CaseImportRow.Columns, (line, get) => new CaseImportRow(
            line,
            get("case_reference"),
            get("rule"),
            get("event"),
            get("event_date"),
            get("responsible_upn")), problems);
}
