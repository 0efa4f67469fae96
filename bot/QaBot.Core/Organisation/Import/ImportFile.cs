namespace QaBot.Core.Organisation.Import;

/// <summary>Reads the header and records of an import file into rows, reporting a wrong header or field count by line.</summary>
internal static class ImportFile
{
    public static IReadOnlyList<T> Read<T>(
        string text,
        string fileName,
        IReadOnlyList<string> columns,
        Func<int, Func<string, string>, T> create,
        List<ImportProblem> problems)
    {
        var (records, csvProblems) = CsvReader.Read(text, fileName);
        problems.AddRange(csvProblems);
        if (records.Count == 0)
        {
            problems.Add(new ImportProblem(fileName, 1, null, $"the file is empty; the first line must be the header: {string.Join(',', columns)}"));
            return [];
        }

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            if (!index.TryAdd(header.Fields[i], i))
            {
                problems.Add(new ImportProblem(fileName, header.Line, header.Fields[i], "this column appears twice in the header"));
            }
        }

        var missing = columns.Where(c => !index.ContainsKey(c)).ToList();
        var unknown = header.Fields.Where(f => !columns.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add("missing " + string.Join(", ", missing));
            }

            if (unknown.Count > 0)
            {
                parts.Add("unknown " + string.Join(", ", unknown));
            }

            problems.Add(new ImportProblem(fileName, header.Line, null, $"the header must be {string.Join(',', columns)} ({string.Join("; ", parts)})"));
            return [];
        }

        var rows = new List<T>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new ImportProblem(fileName, record.Line, null, $"expected {header.Fields.Count} fields, found {record.Fields.Count} (a comma inside a value needs the value in double quotes)"));
                continue;
            }

            rows.Add(create(record.Line, column => record.Fields[index[column]]));
        }

        return rows;
    }
}
