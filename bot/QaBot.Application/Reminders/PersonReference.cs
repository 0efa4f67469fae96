using System.Security.Cryptography;
using System.Text;

namespace QaBot.Application.Reminders;

/// <summary>
/// An opaque, stable stand-in for a person's directory id in what operators see over HTTP. The same person always gets
/// the same reference, so an operator with storage access finds them with <c>qabot reminders status</c>, which prints
/// each reference beside the object id; the endpoint itself never returns the id.
/// </summary>
public static class PersonReference
{
    public static string? For(string? personId)
    {
        if (string.IsNullOrEmpty(personId))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("qabot-person:" + personId.ToUpperInvariant()));
        return "p-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
