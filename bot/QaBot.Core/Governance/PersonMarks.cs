using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using QaBot.Core.Organisation;

namespace QaBot.Core.Governance;

/// <summary>
/// What identifies a person wherever QaBot writes about them: their object id (in keys, occurrence ids, actors and
/// properties), their UPN (any case) and their display name (also as JSON writes it, with non-ASCII letters escaped).
/// Subject access finds a person's records by these marks; erasure replaces each with its pseudonym.
/// </summary>
public sealed record PersonMarks(PersonId Id, string Upn, string DisplayName)
{
    /// <summary>Names shorter than this are not searched for on their own: "Al" would match inside other words.</summary>
    private const int ShortestName = 4;

    public static PersonMarks Of(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PersonMarks(person.Id, person.Upn, person.DisplayName);
    }

    /// <summary>True when the text carries any of the marks.</summary>
    public bool AreIn(string? text) => Matcher()(text);

    /// <summary>
    /// <see cref="AreIn"/> with the marks worked out once: for checking every property of every row in a table, where
    /// encoding the name afresh for each would cost more than the check.
    /// </summary>
    public Func<string?, bool> Matcher()
    {
        var id = Id.Value;
        var upn = Upn;
        var names = Names().ToArray();
        return text => !string.IsNullOrEmpty(text)
            && (text.Contains(id, StringComparison.OrdinalIgnoreCase)
                || (upn.Length > 0 && text.Contains(upn, StringComparison.OrdinalIgnoreCase))
                || Array.Exists(names, n => text.Contains(n, StringComparison.Ordinal)));
    }

    /// <summary>The text with every mark of this person replaced by the matching mark of <paramref name="other"/>.</summary>
    public string ReplaceWith(string text, PersonMarks other)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(other);
        var result = Regex.Replace(text, Regex.Escape(Id.Value), other.Id.Value, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (Upn.Length > 0)
        {
            result = Regex.Replace(result, Regex.Escape(Upn), other.Upn.ToLowerInvariant(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        var names = Names().ToList();
        var otherNames = other.Names().ToList();
        for (var i = 0; i < names.Count; i++)
        {
            result = result.Replace(names[i], i < otherNames.Count ? otherNames[i] : other.DisplayName, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>The marks matched in any case: the object id, and the UPN when there is one.</summary>
    internal IEnumerable<string> AnyCaseMarks()
    {
        yield return Id.Value;
        if (Upn.Length > 0)
        {
            yield return Upn;
        }
    }

    /// <summary>The marks matched exactly: the display name, as written and as JSON writes it.</summary>
    internal IEnumerable<string> ExactMarks() => Names();

    private IEnumerable<string> Names()
    {
        var name = DisplayName.Trim();
        if (name.Length < ShortestName)
        {
            yield break;
        }

        yield return name;
        var escaped = JsonEncodedText.Encode(name, JavaScriptEncoder.Default).ToString();
        if (!string.Equals(escaped, name, StringComparison.Ordinal))
        {
            yield return escaped;
        }
    }
}

/// <summary>
/// The pseudonym erasure gives a person: an object id derived from theirs by SHA-256 (so re-applying an erasure after a
/// restore gives the same one, and the erasure register needs only the pseudonym), with a UPN and name made from it.
/// Anyone who already knows the original object id can link the two; no one else can.
/// </summary>
public static class Pseudonyms
{
    public const string UpnDomain = "erased.invalid";

    public static PersonMarks For(PersonId person)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("qabot-erasure|" + person.Value.ToLowerInvariant()));
        var bytes = hash.AsSpan(0, 16).ToArray();

        // A version 8 (custom) UUID in the RFC 9562 variant: a valid GUID that never collides with Entra's version 4 ids.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var id = new Guid(bytes, bigEndian: true).ToString("D");
        return new PersonMarks(new PersonId(id), $"erased-{id[..8]}@{UpnDomain}", $"Erased person {id[..8]}");
    }

    public static bool IsPseudonym(string upn) => upn.EndsWith("@" + UpnDomain, StringComparison.OrdinalIgnoreCase);
}
