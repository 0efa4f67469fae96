using System.Text.RegularExpressions;

namespace QaBot.Core.Framework;

/// <summary>Ids in the catalogue are short lowercase slugs so that they survive edits to the wording.</summary>
public static partial class Slug
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
