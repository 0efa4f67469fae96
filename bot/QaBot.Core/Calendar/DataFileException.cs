namespace QaBot.Core.Calendar;

/// <summary>A data file (calendar, statutory rules) is malformed: names the file, the line and the field at fault.</summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string file, int line, string field, string problem)
        : base($"{file}, line {line}, {field}: {problem}")
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public DataFileException()
    {
        File = Field = Problem = string.Empty;
    }

    public DataFileException(string message)
        : base(message)
    {
        File = Field = Problem = string.Empty;
    }

    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = Field = Problem = string.Empty;
    }

    public string File { get; }

    public int Line { get; }

    public string Field { get; }

    public string Problem { get; }
}
