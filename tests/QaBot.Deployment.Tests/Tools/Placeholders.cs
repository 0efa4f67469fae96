using System.Text.RegularExpressions;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>The Agents Toolkit's ${{NAME}} placeholders, as used in the manifest and the toolkit's files.</summary>
internal static partial class Placeholders
{
    public static IReadOnlySet<string> Find(string text) =>
        Pattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Replaces every placeholder; a name the environment does not declare is an error naming it.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values, string source)
    {
        var missing = Find(text).Where(name => !values.ContainsKey(name)).Order().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{source}: no value for {string.Join(", ", missing)}.");
        }

        return Pattern().Replace(text, m => values[m.Groups[1].Value]);
    }

    [GeneratedRegex(@"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Pattern();
}
