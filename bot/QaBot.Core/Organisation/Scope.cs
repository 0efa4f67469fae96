namespace QaBot.Core.Organisation;

/// <summary>What a person may see of other people's items: decided from the directory, never from what they typed.</summary>
public sealed record Scope(PersonId Viewer, ScopeKind Kind, IReadOnlyList<AreaId> Areas)
{
    public bool NamesVisible => Kind is ScopeKind.Areas or ScopeKind.Department;

    /// <summary>
    /// The scope in a team channel or group chat, whose members are not all entitled to see who is overdue: the same
    /// areas, counts only. Someone who sees only their own items still does (the conversation decides what is shown).
    /// </summary>
    public Scope InSharedConversation() => Kind == ScopeKind.Areas ? this with { Kind = ScopeKind.CountsOnly } : this;

    /// <summary>True when the area lies within one of the areas in scope.</summary>
    public bool Covers(AreaId area) => Kind != ScopeKind.OwnItems && Areas.Any(area.IsWithin);

    /// <summary>True when the viewer may see this item with its owner's name.</summary>
    public bool MaySeeItem(PersonId owner, AreaId area) =>
        owner == Viewer || (NamesVisible && Covers(area));

    /// <summary>
    /// Narrows the scope to the area someone asked about. Asking about an area inside the scope gives that area;
    /// asking about a wider area gives the parts of it in scope; asking about an area outside the scope gives the whole
    /// scope. <see cref="ScopedRequest.Restricted"/> says when the answer covers less than was asked, so the reply can say so.
    /// </summary>
    public ScopedRequest Narrow(AreaId? requested)
    {
        if (Kind == ScopeKind.OwnItems)
        {
            return new ScopedRequest([], NamesVisible: true, OwnItemsOnly: true, Restricted: requested is not null);
        }

        if (requested is not { } asked)
        {
            return new ScopedRequest(Areas, NamesVisible, OwnItemsOnly: false, Restricted: false);
        }

        if (Covers(asked))
        {
            return new ScopedRequest([asked], NamesVisible, OwnItemsOnly: false, Restricted: false);
        }

        var inside = Areas.Where(a => a.IsWithin(asked)).ToList();
        return inside.Count > 0
            ? new ScopedRequest(inside, NamesVisible, OwnItemsOnly: false, Restricted: true)
            : new ScopedRequest(Areas, NamesVisible, OwnItemsOnly: false, Restricted: true);
    }
}
