using System.Text;
using CsvHelper;
using QaBot.Core.Organisation.Import;

namespace QaBot.Composition;

/// <summary>
/// Reads the directory import's two CSV files (docs/people-import.md) into the rows the domain checks, with CsvHelper:
/// UTF-8 only, RFC 4180 quoting (a comma, a quote doubled or a line break inside double quotes), CRLF or LF line ends,
/// a byte order mark ignored, blank lines skipped and spaces around unquoted values removed. Every problem names the
/// file, the line and, where there is one, the field; the whole file is read, so that every problem in it is reported.
/// </summary>
public static class DirectoryImportFiles
{
    public static readonly IReadOnlyList<string> PeopleColumns =
        ["objectId", "upn", "displayName", "jobTitle", "roles", "areaPath", "managerUpn", "startDate"];

    public static readonly IReadOnlyList<string> AreaColumns = ["path", "kind"];

    /// <summary>The people file, or null when it cannot be read at all (missing, not UTF-8); problems are added to <paramref name="problems"/>.</summary>
    public static Task<IReadOnlyList<PersonRow>?> ReadPeopleAsync(string path, List<ImportProblem> problems, CancellationToken cancellationToken) =>
        ReadFileAsync(path, problems, (bytes, name) => ReadPeople(bytes, name, problems), cancellationToken);

    /// <summary>The areas file, or null when it cannot be read at all (missing, not UTF-8); problems are added to <paramref name="problems"/>.</summary>
    public static Task<IReadOnlyList<AreaRow>?> ReadAreasAsync(string path, List<ImportProblem> problems, CancellationToken cancellationToken) =>
        ReadFileAsync(path, problems, (bytes, name) => ReadAreas(bytes, name, problems), cancellationToken);

    public static IReadOnlyList<PersonRow>? ReadPeople(ReadOnlyMemory<byte> utf8, string fileName, List<ImportProblem> problems) =>
        Read(utf8, fileName, PeopleColumns, (line, get) => new PersonRow(
            line,
            get("objectId"),
            get("upn"),
            get("displayName"),
            get("jobTitle"),
            get("roles"),
            get("areaPath"),
            get("managerUpn"),
            get("startDate")), problems);

    public static IReadOnlyList<AreaRow>? ReadAreas(ReadOnlyMemory<byte> utf8, string fileName, List<ImportProblem> problems) =>
        Read(utf8, fileName, AreaColumns, (line, get) => new AreaRow(line, get("path"), get("kind")), problems);

    private static async Task<IReadOnlyList<T>?> ReadFileAsync<T>(
        string path,
        List<ImportProblem> problems,
        Func<ReadOnlyMemory<byte>, string, IReadOnlyList<T>?> read,
        CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            problems.Add(new ImportProblem(name, 0, null, $"file not found: {path}"));
            return null;
        }

        return read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), name);
    }

    /// <summary>The rows, or null when the file is not UTF-8 (CsvHelper would read such bytes as replacement characters).</summary>
    internal static List<T>? Read<T>(
        ReadOnlyMemory<byte> utf8,
        string fileName,
        IReadOnlyList<string> columns,
        Func<int, Func<string, string>, T> create,
        List<ImportProblem> problems)
    {
        if (FirstInvalidUtf8Line(utf8.Span) is { } invalidLine)
        {
            problems.Add(new ImportProblem(fileName, invalidLine, null, "the file is not valid UTF-8 here; save it as UTF-8 (\"CSV UTF-8\" in Excel)"));
            return null;
        }

        var unclosed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            OnMalformedRecord = malformed =>
            {
                problems.Add(new ImportProblem(fileName, LineOf(malformed, utf8.Span), null, MessageFor(malformed.Reason)));
                if (malformed.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    unclosed.Add(malformed.RecordNumber);
                }
            },
        };

        using var reader = CsvReader.Create(utf8, options);
        if (!reader.Read() || unclosed.Contains(reader.RowNumber))
        {
            problems.Add(new ImportProblem(fileName, 1, null, $"the file is empty; the first line must be the header: {string.Join(',', columns)}"));
            return [];
        }

        var headerLine = (int)reader.LineNumber;
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim()).ToList();
        if (HeaderProblems(header, headerLine, columns, fileName, problems) is not { } index)
        {
            // Read on regardless, so that quoting problems further down are reported with the header's.
            while (reader.Read())
            {
            }

            return [];
        }

        var rows = new List<T>();
        while (reader.Read())
        {
            if (unclosed.Contains(reader.RowNumber))
            {
                continue;
            }

            var line = (int)reader.LineNumber;
            if (reader.FieldCount != header.Count)
            {
                problems.Add(new ImportProblem(fileName, line, null, $"expected {header.Count} fields, found {reader.FieldCount} (a comma inside a value needs the value in double quotes)"));
                continue;
            }

            rows.Add(create(line, column => reader.GetString(index[column])));
        }

        return rows;
    }

    /// <summary>The column positions, or null when the header is not exactly the expected columns (in any order, any case).</summary>
    private static Dictionary<string, int>? HeaderProblems(List<string> header, int line, IReadOnlyList<string> columns, string fileName, List<ImportProblem> problems)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            if (!index.TryAdd(header[i], i))
            {
                problems.Add(new ImportProblem(fileName, line, header[i], "this column appears twice in the header"));
            }
        }

        var missing = columns.Where(c => !index.ContainsKey(c)).ToList();
        var unknown = header.Where(f => !columns.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count == 0 && unknown.Count == 0)
        {
            return index;
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add("missing " + string.Join(", ", missing));
        }

        if (unknown.Count > 0)
        {
            parts.Add("unknown " + string.Join(", ", unknown));
        }

        problems.Add(new ImportProblem(fileName, line, null, $"the header must be {string.Join(',', columns)} ({string.Join("; ", parts)})"));
        return null;
    }

    private static string MessageFor(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a double quote inside an unquoted field; put the whole field in double quotes and double the quote",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing double quote; put the whole field in double quotes",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        _ => $"the line cannot be read as CSV ({reason})",
    };

    /// <summary>
    /// The line of the problem: where the stray character is, counted from the problem's offset; for a quote never
    /// closed, where its record starts.
    /// </summary>
    private static int LineOf(CsvMalformedRecord malformed, ReadOnlySpan<byte> utf8)
    {
        if (malformed.Reason == CsvMalformedReason.UnterminatedQuote)
        {
            return (int)malformed.LineNumber;
        }

        var end = (int)Math.Min(malformed.ByteOffset, utf8.Length);
        var line = 1;
        for (var i = 0; i < end; i++)
        {
            if (utf8[i] == (byte)'\n' || (utf8[i] == (byte)'\r' && (i + 1 == utf8.Length || utf8[i + 1] != (byte)'\n')))
            {
                line++;
            }
        }

        return line;
    }

    private static int? FirstInvalidUtf8Line(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            var upTo = Math.Clamp(e.Index, 0, bytes.Length);
            return 1 + bytes[..upTo].Count((byte)'\n');
        }
    }
}
