using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Framework;

/// <summary>Collects every problem found while reading a catalogue file, each placed at a YAML node.</summary>
internal sealed class CatalogueProblems(string file)
{
    private readonly List<CatalogueError> _errors = [];

    public string File { get; } = file;

    public int Count => _errors.Count;

    public void Add(YamlNode? node, string path, string field, string message) =>
        Add(node?.Start ?? Mark.Empty, path, field, message);

    public void Add(Mark at, string path, string field, string message) =>
        _errors.Add(new CatalogueError(File, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), path, field, message));

    /// <summary>
    /// Reads <paramref name="yaml"/> into a YAML stream (comments skipped), or records the syntax problem where it
    /// stands and returns null.
    /// </summary>
    public YamlStream? Parse(string yaml)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml), skipComments: true);
        try
        {
            stream.Load(new Parser(scanner));
            return stream;
        }
        catch (YamlException e)
        {
            Add(e.Start, string.Empty, string.Empty, $"YAML syntax: {SyntaxMessage(e)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some unclosed flow collections ("[a, b" with no "]").
            Add(scanner.CurrentPosition, string.Empty, string.Empty,
                "YAML syntax: the file cannot be read past this point; look above it for an unclosed [ or {");
        }

        return null;
    }

    /// <summary>
    /// Reads <paramref name="yaml"/> and returns its root mapping, or records why there is none (a syntax problem, an
    /// empty file, or a root that is not a mapping, described by <paramref name="expected"/>) and returns null.
    /// </summary>
    public YamlMappingNode? ParseMapping(string yaml, string expected)
    {
        if (Parse(yaml) is not { } stream)
        {
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Add(Mark.Empty, string.Empty, string.Empty, expected);
            return null;
        }

        return root;
    }

    // YamlDotNet prefixes its messages with the position, which the error already carries.
    private static string SyntaxMessage(YamlException e)
    {
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }

    /// <summary>The problems in the order they stand in the file.</summary>
    public IReadOnlyList<CatalogueError> Sorted() =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
