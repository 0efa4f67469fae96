using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Framework;

/// <summary>
/// Loads and validates the framework catalogue (YAML, described in docs/framework.md). An invalid file is an expected
/// outcome, not an exception: the result lists every problem found, each with the file, line, YAML path and field.
/// </summary>
public static class FrameworkCatalogueLoader
{
    /// <summary>The catalogue format this version reads (the file's optional <c>format</c>; the file's <c>version</c> is the framework's own).</summary>
    public const int FormatVersion = 1;

    /// <param name="yaml">The catalogue's text.</param>
    /// <param name="fileName">The name errors give for the file.</param>
    public static CatalogueLoadResult Load(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);

        var problems = new CatalogueProblems(fileName);
        var stream = problems.Parse(yaml);
        if (stream is null)
        {
            return new CatalogueLoadResult(null, problems.Sorted());
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(Mark.Empty, string.Empty, string.Empty, "the file is empty: it must hold the framework catalogue (see docs/framework.md)");
            return new CatalogueLoadResult(null, problems.Sorted());
        }

        if (stream.Documents.Count > 1)
        {
            problems.Add(stream.Documents[1].RootNode, string.Empty, string.Empty, "the file must hold one YAML document, not several");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(stream.Documents[0].RootNode, string.Empty, string.Empty,
                "the file must be a mapping with version, settings, roles, duties and bodies (see docs/framework.md)");
            return new CatalogueLoadResult(null, problems.Sorted());
        }

        var catalogue = new CatalogueReader(problems).Read(root);
        return problems.Count == 0 && catalogue is not null
            ? new CatalogueLoadResult(catalogue, [])
            : new CatalogueLoadResult(null, problems.Sorted());
    }
}
