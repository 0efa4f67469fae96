using System.Collections.Concurrent;
using QaBot.Core.Framework;

namespace QaBot.Composition;

/// <summary>Loads the configured catalogue file once per process, for the start-up check and for the catalogue itself.</summary>
internal sealed class FrameworkCatalogueFile
{
    private readonly ConcurrentDictionary<string, Lazy<CatalogueLoadResult>> _results = new(StringComparer.Ordinal);

    public CatalogueLoadResult Load(FrameworkOptions options)
    {
        var path = DataFiles.Resolve(options.CatalogueFile);
        return _results.GetOrAdd(path, p => new Lazy<CatalogueLoadResult>(() => DataFiles.ReadCatalogue(p))).Value;
    }
}
