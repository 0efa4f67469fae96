namespace QaBot.Core.Framework;

/// <summary>Thrown at start-up when the configured catalogue file is invalid; carries every problem found.</summary>
public sealed class FrameworkCatalogueException : Exception
{
    public FrameworkCatalogueException(string file, IReadOnlyList<CatalogueError> errors)
        : base(BuildMessage(file, errors))
    {
        File = file;
        Errors = errors;
    }

    public FrameworkCatalogueException()
        : this(string.Empty, [])
    {
    }

    public FrameworkCatalogueException(string message)
        : base(message)
    {
        File = string.Empty;
        Errors = [];
    }

    public FrameworkCatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Errors = [];
    }

    public string File { get; }

    public IReadOnlyList<CatalogueError> Errors { get; }

    public static string Summary(string file, int count) =>
        $"The framework catalogue {file} is invalid: {count} {(count == 1 ? "problem" : "problems")}.";

    private static string BuildMessage(string file, IReadOnlyList<CatalogueError> errors) =>
        string.Join(Environment.NewLine, [Summary(file, errors.Count), .. errors.Select(e => e.ToString())]);
}
