using System.Globalization;
using System.Text;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Building partition and row keys. Keys may not contain '/', '\', '#', '?' or control characters, and QaBot uses '|'
/// between key parts, so those (and '%') are written as %XX. Ids in practice (GUIDs, slugs) pass through unchanged.
/// </summary>
internal static class Keys
{
    public const string Separator = "|";

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The value <see cref="Encode"/> was given.</summary>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(key) : key;
    }

    /// <summary>The smallest key greater than every key that starts with <paramref name="prefix"/>.</summary>
    public static string UpperBound(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }

    /// <summary>An area's partition in the items table: its id and a dot, so that "A." is never a prefix of a sibling "A-b.".</summary>
    public static string AreaPartition(AreaId area) => area.Value + AreaId.Separator;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static string Version(int version) => version.ToString("D6", CultureInfo.InvariantCulture);

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '|' or '%' || char.IsControl(c);
}
