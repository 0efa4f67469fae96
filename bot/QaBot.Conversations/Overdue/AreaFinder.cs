using QaBot.Conversations.Turns;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Overdue;

/// <summary>The outcome of finding the area someone named.</summary>
public sealed record AreaMatch(Area? Area, IReadOnlyList<Area> Candidates, IReadOnlyList<Area> Suggestions)
{
    public bool Found => Area is not null;

    public bool Ambiguous => Area is null && Candidates.Count > 1;
}

/// <summary>
/// Finds the area someone means by what they typed: a full path, a name ("Locality: Chesterfield"), or part of one
/// ("Chesterfield", "early help"). When several areas match, those the person can see win, then the highest in the tree.
/// </summary>
public static class AreaFinder
{
    public static AreaMatch Find(AreaTree tree, string text, Scope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > IntentReader.MaxAreaLength)
        {
            // Bounded work whoever calls: no area's name is this long, and fuzzy matching costs text × names.
            text = text[..IntentReader.MaxAreaLength];
        }

        var candidates = tree.Resolve(text).ToList();
        if (candidates.Count == 0)
        {
            var segments = AreaTree.SplitPath(text);
            var slug = segments.Count == 0 ? string.Empty : AreaId.SlugOf(segments[^1]);
            if (slug.Length > 0)
            {
                candidates = tree.Areas.Where(a => NameMatches(AreaId.SlugOf(a.Name), slug)).ToList();
            }
        }

        if (candidates.Count == 0)
        {
            return new AreaMatch(null, [], tree.Suggest(text));
        }

        if (scope is not null && candidates.Count > 1)
        {
            var visible = candidates.Where(a => scope.Covers(a.Id) || scope.Areas.Any(s => s.IsWithin(a.Id))).ToList();
            if (visible.Count > 0)
            {
                candidates = visible;
            }
        }

        var top = candidates.Min(a => a.Id.Depth);
        var highest = candidates.Where(a => a.Id.Depth == top).OrderBy(a => a.Id.Value, StringComparer.Ordinal).ToList();
        return highest.Count == 1
            ? new AreaMatch(highest[0], candidates, [])
            : new AreaMatch(null, highest, []);
    }

    /// <summary>"chesterfield" names "locality-chesterfield"; "early-help" names "early-help-and-safeguarding".</summary>
    private static bool NameMatches(string name, string wanted) =>
        name == wanted
        || name.EndsWith("-" + wanted, StringComparison.Ordinal)
        || name.StartsWith(wanted + "-", StringComparison.Ordinal)
        || name.Contains("-" + wanted + "-", StringComparison.Ordinal);
}
