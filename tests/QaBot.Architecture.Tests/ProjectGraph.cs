using System.Xml.Linq;
using QaBot.Testing;

namespace QaBot.Architecture.Tests;

/// <summary>The product's project references as the .csproj files declare them, direct and transitive.</summary>
internal sealed class ProjectGraph
{
    private readonly Dictionary<string, string[]> _direct;

    private ProjectGraph(Dictionary<string, string[]> direct) => _direct = direct;

    public static ProjectGraph Product { get; } = Load("bot", "functions");

    public IReadOnlyCollection<string> Projects => _direct.Keys;

    public IReadOnlyList<string> DirectReferences(string project) => _direct[project];

    public IReadOnlySet<string> AllReferences(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(_direct[project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && _direct.TryGetValue(next, out var further))
            {
                foreach (var reference in further)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    public IEnumerable<string> ReferrersOf(string project) =>
        _direct.Where(p => p.Value.Contains(project, StringComparer.Ordinal)).Select(p => p.Key).Order(StringComparer.Ordinal);

    private static ProjectGraph Load(params string[] folders)
    {
        var direct = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(RepositoryRoot.Combine(f), "*.csproj", SearchOption.AllDirectories)))
        {
            var references = XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? string.Empty).Replace('\\', '/')))
                .ToArray();
            direct[Path.GetFileNameWithoutExtension(file)] = references;
        }

        return new ProjectGraph(direct);
    }
}
