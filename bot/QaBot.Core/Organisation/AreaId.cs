using System.Globalization;
using System.Text;

namespace QaBot.Core.Organisation;

/// <summary>
/// An area's stable id: the slugs of its names from the department down, joined by dots
/// (<c>childrens-services.early-help-and-safeguarding.locality-chesterfield.team-3</c>). An area contains every area
/// whose id starts with its own id and a dot, so a subtree is one key range in storage.
/// </summary>
public readonly record struct AreaId
{
    public const char Separator = '.';

    private AreaId(string value) => Value = value;

    public string Value { get; }

    public int Depth => Value.Count(c => c == Separator);

    public AreaId? Parent
    {
        get
        {
            var cut = Value.LastIndexOf(Separator);
            return cut < 0 ? null : new AreaId(Value[..cut]);
        }
    }

    public static AreaId Root(string name) => new(SlugOf(name));

    public AreaId Child(string name) => new(Value + Separator + SlugOf(name));

    /// <summary>True when this area is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(AreaId ancestor) =>
        Value == ancestor.Value
        || (Value.Length > ancestor.Value.Length
            && Value.StartsWith(ancestor.Value, StringComparison.Ordinal)
            && Value[ancestor.Value.Length] == Separator);

    public static bool TryParse(string? text, out AreaId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > 512)
        {
            return false;
        }

        foreach (var segment in text.Split(Separator))
        {
            if (segment.Length == 0 || SlugOf(segment) != segment)
            {
                return false;
            }
        }

        id = new AreaId(text);
        return true;
    }

    public static AreaId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an area id.");

    /// <summary>
    /// The slug of an area name: lower case letters and digits in hyphenated words; "&amp;" reads "and",
    /// apostrophes and accents are dropped ("Children's Services" gives <c>childrens-services</c>).
    /// </summary>
    public static string SlugOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name.Replace("&", " and ", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(lower);
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.ToString();
    }

    public override string ToString() => Value ?? string.Empty;
}
