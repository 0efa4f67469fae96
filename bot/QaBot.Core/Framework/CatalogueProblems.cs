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

    /// <summary>The problems in the order they stand in the file.</summary>
    public IReadOnlyList<CatalogueError> Sorted() =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
