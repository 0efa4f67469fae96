namespace QaBot.Core.Organisation;

/// <summary>The areas to read for a question, after scoping.</summary>
/// <param name="Areas">Area subtrees to read (none when only the person's own items may be shown).</param>
/// <param name="NamesVisible">False for elected members: show counts, not names.</param>
/// <param name="OwnItemsOnly">The person leads no area: show their own items only.</param>
/// <param name="Restricted">The answer covers less than was asked; say so.</param>
public sealed record ScopedRequest(IReadOnlyList<AreaId> Areas, bool NamesVisible, bool OwnItemsOnly, bool Restricted);
