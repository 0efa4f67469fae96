using System.Net;

namespace QaBot.BotFramework;

/// <summary>Whether a URL or a caller is on this machine: the only places plain http and unauthenticated calls are allowed.</summary>
internal static class LoopbackAddress
{
    public static bool IsLoopback(Uri uri) => uri.IsAbsoluteUri && uri.IsLoopback;

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>True for an absolute https URL, or an http URL whose host is loopback.</summary>
    public static bool IsSecureOrLoopback(Uri uri) =>
        uri.IsAbsoluteUri
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    public static bool TryParseSecureOrLoopback(string? text, out Uri uri)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && IsSecureOrLoopback(parsed))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }
}
