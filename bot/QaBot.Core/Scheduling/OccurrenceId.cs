using System.Globalization;
using System.Text;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Scheduling;

/// <summary>
/// A stable id for one dated obligation: the same duty, person, period (and supervisee) always give the same id,
/// so reruns of the scheduler never duplicate. Ids read as their parts joined by dots, e.g.
/// <c>team-manager-supervision.2026-03.{person}.{supervisee}</c>, and are safe as Azure Table Storage keys: only
/// ASCII letters, digits, '-', '_' and '.', and never longer than <see cref="MaxLength"/> (each part is at most 100
/// characters and an id has at most four parts; Table Storage allows 1 KiB).
/// </summary>
public readonly record struct OccurrenceId(string Value)
{
    public const int MaxLength = 512;

    public const char Separator = '.';

    /// <summary>The id of a duty's occurrence in a period, for a person and, for per-report duties, the person it concerns.</summary>
    public static OccurrenceId For(DutyId duty, string periodKey, PersonId person, PersonId? concerns = null)
    {
        var id = concerns is { } other
            ? string.Concat(duty.Value, ".", periodKey, ".", person.Value, ".", other.Value)
            : string.Concat(duty.Value, ".", periodKey, ".", person.Value);
        return new OccurrenceId(id);
    }

    /// <summary>True when a part can go into an id unchanged: ASCII letters, digits, '-' and '_', 1 to 100 characters.</summary>
    public static bool IsSafePart(string? part)
    {
        if (string.IsNullOrEmpty(part) || part.Length > 100)
        {
            return false;
        }

        foreach (var c in part)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Makes any text safe as an id part: letters, digits and '-' are kept; every other character becomes '_' and its
    /// UTF-8 bytes in hex ("LA/123" becomes "LA_2F123"), so different texts never give the same part.
    /// </summary>
    public static string Encode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var builder = new StringBuilder(text.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '-'))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                builder.Append('_').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The text <see cref="Encode"/> made <paramref name="part"/> from; null when it is not an encoded part.</summary>
    public static string? Decode(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var bytes = new List<byte>(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c != '_')
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return null;
                }

                bytes.Add((byte)c);
                continue;
            }

            if (i + 2 >= part.Length || !byte.TryParse(part.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return null;
            }

            bytes.Add(b);
            i += 2;
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The duty the occurrence is of: the id's first part.</summary>
    public DutyId Duty => new(Value.IndexOf(Separator, StringComparison.Ordinal) is var dot and >= 0 ? Value[..dot] : Value);

    public override string ToString() => Value;
}
