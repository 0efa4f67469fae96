namespace QaBot.Core.Organisation;

/// <summary>
/// The department's areas as a tree. Paths are area names from the top separated by <c> &gt; </c>; the department's
/// own name may be left off ("Early Help &amp; Safeguarding &gt; Locality: Chesterfield &gt; Team 3"). Names match
/// by their slugs, so case, "&amp;"/"and" and apostrophes do not matter, but spelling does.
/// </summary>
public sealed class AreaTree
{
    public const string PathSeparator = " > ";

    private readonly Dictionary<AreaId, Area> _byId;
    private readonly Dictionary<AreaId, List<Area>> _children;

    public AreaTree(IEnumerable<Area> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        _byId = [];
        foreach (var area in areas)
        {
            if (!_byId.TryAdd(area.Id, area))
            {
                throw new InvalidOperationException($"Area {area.Id} appears twice.");
            }
        }

        _children = [];
        foreach (var area in _byId.Values.Where(a => !a.Retired))
        {
            if (area.Parent is not { } parent)
            {
                if (Root is not null)
                {
                    throw new InvalidOperationException($"Areas {Root.Id} and {area.Id} are both at the top; a department has one.");
                }

                Root = area;
                continue;
            }

            if (!_byId.TryGetValue(parent, out var parentArea) || parentArea.Retired)
            {
                throw new InvalidOperationException($"Area {area.Id} has no current parent area {parent}.");
            }

            if (!_children.TryGetValue(parent, out var list))
            {
                _children[parent] = list = [];
            }

            list.Add(area);
        }

        foreach (var list in _children.Values)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Id.Value, b.Id.Value));
        }
    }

    public static AreaTree Empty { get; } = new([]);

    /// <summary>The department, or null before any areas have been loaded.</summary>
    public Area? Root { get; }

    /// <summary>Current areas, parents before children.</summary>
    public IEnumerable<Area> Areas => Root is null ? [] : Subtree(Root.Id);

    /// <summary>Every area ever known, retired ones included.</summary>
    public IEnumerable<Area> AllIncludingRetired => _byId.Values;

    public Area? Find(AreaId id) => _byId.GetValueOrDefault(id);

    public bool IsCurrent(AreaId id) => _byId.TryGetValue(id, out var area) && !area.Retired;

    public IReadOnlyList<Area> Children(AreaId id) => _children.TryGetValue(id, out var list) ? list : [];

    /// <summary>The area and everything below it, parents before children.</summary>
    public IEnumerable<Area> Subtree(AreaId id)
    {
        if (!_byId.TryGetValue(id, out var start) || start.Retired)
        {
            yield break;
        }

        var stack = new Stack<Area>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var area = stack.Pop();
            yield return area;
            var children = Children(area.Id);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The area's ancestors, nearest first.</summary>
    public IEnumerable<Area> Ancestors(AreaId id)
    {
        for (var parent = id.Parent; parent is { } p; parent = p.Parent)
        {
            if (_byId.TryGetValue(p, out var area))
            {
                yield return area;
            }
        }
    }

    /// <summary>The area's path of names from the department, for people to read.</summary>
    public string PathOf(AreaId id)
    {
        var names = new List<string>();
        for (AreaId? current = id; current is { } c; current = c.Parent)
        {
            names.Add(_byId.TryGetValue(c, out var area) ? area.Name : c.Value[(c.Value.LastIndexOf(AreaId.Separator) + 1)..]);
        }

        names.Reverse();
        return string.Join(PathSeparator, names);
    }

    /// <summary>The id a path would have, whether or not the area exists; null for an empty segment.</summary>
    public AreaId? IdForPath(string path)
    {
        var segments = SplitPath(path);
        if (segments.Count == 0 || segments.Any(s => AreaId.SlugOf(s).Length == 0))
        {
            return null;
        }

        AreaId id;
        var start = 0;
        if (Root is null || AreaId.SlugOf(segments[0]) == Root.Id.Value)
        {
            id = AreaId.Root(segments[0]);
            start = 1;
        }
        else
        {
            id = Root.Id;
        }

        for (var i = start; i < segments.Count; i++)
        {
            id = id.Child(segments[i]);
        }

        return id;
    }

    /// <summary>The current area at a path, or null when there is none.</summary>
    public Area? FindByPath(string path) =>
        IdForPath(path) is { } id && _byId.TryGetValue(id, out var area) && !area.Retired ? area : null;

    /// <summary>Current areas with this name (several teams may share one), matched by slug.</summary>
    public IReadOnlyList<Area> FindByName(string name)
    {
        var slug = AreaId.SlugOf(name);
        return slug.Length == 0 ? [] : Areas.Where(a => AreaId.SlugOf(a.Name) == slug).ToList();
    }

    /// <summary>
    /// Finds the areas a person means by a name or a path. A full path names one area; a bare name, or the end of a
    /// path ("Locality: Bolsover &gt; Team 1"), may match several. Import files use <see cref="FindByPath"/> instead:
    /// there a path must be complete.
    /// </summary>
    public IReadOnlyList<Area> Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (FindByPath(nameOrPath) is { } exact && nameOrPath.Contains('>', StringComparison.Ordinal))
        {
            return [exact];
        }

        var wanted = SplitPath(nameOrPath).Select(AreaId.SlugOf).ToList();
        if (wanted.Count == 0 || wanted.Any(s => s.Length == 0))
        {
            return [];
        }

        return Areas.Where(a => EndsWith(a.Id, wanted)).ToList();
    }

    private bool EndsWith(AreaId id, List<string> slugs)
    {
        var names = new List<string>();
        for (AreaId? current = id; current is { } c && names.Count < slugs.Count; current = c.Parent)
        {
            names.Add(_byId.TryGetValue(c, out var area) ? AreaId.SlugOf(area.Name) : string.Empty);
        }

        names.Reverse();
        return names.SequenceEqual(slugs);
    }

    /// <summary>
    /// The current areas closest to a mistyped name or path, for "did you mean": a path is compared as a whole (so
    /// "Locality: Chesterfeld &gt; Team 1" finds Chesterfield's Team 1), a bare name with area names.
    /// </summary>
    public IReadOnlyList<Area> Suggest(string nameOrPath, int count = 3)
    {
        var segments = SplitPath(nameOrPath);
        if (segments.Count == 0)
        {
            return [];
        }

        IEnumerable<(Area Area, int Distance)> scored;
        if (segments.Count > 1 && IdForPath(nameOrPath) is { } wantedId)
        {
            scored = Areas.Select(a => (a, EditDistance(wantedId.Value, a.Id.Value)))
                .Where(x => x.Item2 <= Math.Max(3, wantedId.Value.Length / 8));
        }
        else
        {
            var wanted = AreaId.SlugOf(segments[^1]);
            scored = Areas.Select(a => (a, EditDistance(wanted, AreaId.SlugOf(a.Name))))
                .Where(x => x.Item2 <= Math.Max(2, wanted.Length / 3));
        }

        // Only the nearest: a second-best guess is more often wrong than helpful.
        var ranked = scored.ToList();
        if (ranked.Count == 0)
        {
            return [];
        }

        var best = ranked.Min(x => x.Distance);
        return ranked
            .Where(x => x.Distance == best)
            .OrderBy(x => x.Area.Id.Value, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Area)
            .ToList();
    }

    public static IReadOnlyList<string> SplitPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('>', StringSplitOptions.TrimEntries).ToList() is var parts && parts.All(p => p.Length == 0)
            ? []
            : parts;
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
