using System.Text;

namespace QaBot.Core.Organisation.Import;

/// <summary>
/// Reads RFC 4180 CSV: comma separated, fields optionally in double quotes (a quote inside doubled), CRLF or LF line
/// ends, a leading byte order mark ignored. Records remember the line they start on so problems can name it.
/// Blank lines are skipped.
/// </summary>
public static class CsvReader
{
    public static (IReadOnlyList<CsvRecord> Records, IReadOnlyList<ImportProblem> Problems) Read(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<CsvRecord>();
        var problems = new List<ImportProblem>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quotedFieldLine = 0;
        var fieldWasQuoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        void EndField()
        {
            fields.Add(fieldWasQuoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                records.Add(new CsvRecord(recordLine, fields.ToList()));
            }

            fields.Clear();
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0 && !fieldWasQuoted:
                    field.Clear();
                    inQuotes = true;
                    fieldWasQuoted = true;
                    quotedFieldLine = line;
                    break;
                case '"':
                    problems.Add(new ImportProblem(fileName, line, null, "a double quote inside an unquoted field; put the whole field in double quotes and double the quote"));
                    field.Append(c);
                    break;
                case ',':
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (fieldWasQuoted && !char.IsWhiteSpace(c))
                    {
                        problems.Add(new ImportProblem(fileName, line, null, "text after a closing double quote; put the whole field in double quotes"));
                        fieldWasQuoted = false;
                    }

                    if (!fieldWasQuoted)
                    {
                        field.Append(c);
                    }

                    break;
            }
        }

        if (inQuotes)
        {
            problems.Add(new ImportProblem(fileName, quotedFieldLine, null, "a quoted field is never closed"));
        }
        else if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            EndRecord();
        }

        return (records, problems);
    }

    /// <summary>Decodes UTF-8 strictly; invalid bytes are a problem on the line where they occur.</summary>
    public static (string? Text, ImportProblem? Problem) DecodeUtf8(ReadOnlySpan<byte> bytes, string fileName)
    {
        try
        {
            return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes), null);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1;
            var upTo = Math.Clamp(ex.Index, 0, bytes.Length);
            for (var b = 0; b < upTo; b++)
            {
                if (bytes[b] == (byte)'\n')
                {
                    line++;
                }
            }

            return (null, new ImportProblem(fileName, line, null, "the file is not valid UTF-8 here; save it as UTF-8 (\"CSV UTF-8\" in Excel)"));
        }
    }
}
