using System.Diagnostics.CodeAnalysis;

namespace QaBot.Core.Framework;

/// <summary>The outcome of loading a catalogue file: the catalogue, or every problem found in it.</summary>
public sealed record CatalogueLoadResult(FrameworkCatalogue? Catalogue, IReadOnlyList<CatalogueError> Errors)
{
    [MemberNotNullWhen(true, nameof(Catalogue))]
    public bool IsValid => Catalogue is not null && Errors.Count == 0;
}
