using System.Text.RegularExpressions;

namespace QaBot.Application.Telemetry;

/// <summary>
/// Rewrites URL paths that name people before they reach telemetry. Graph URLs carry an organiser's mailbox or
/// object id after <c>/users/</c> (and <c>/me</c> is the caller); those segments become <c>{user}</c>. The query
/// string is dropped: Graph filters can quote addresses.
/// </summary>
public static partial class TelemetryRedaction
{
    public const string Placeholder = "{user}";

    /// <summary>The path with every segment after <c>users</c> replaced; null stays null.</summary>
    public static string? RedactPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path;
        }

        var query = path.IndexOfAny(['?', '#']);
        var bare = query >= 0 ? path[..query] : path;
        return UserSegment().Replace(bare, m => m.Groups[1].Value + Placeholder);
    }

    /// <summary>An absolute URL with its path redacted and its query dropped; text that is not an absolute URL is redacted as a path.</summary>
    public static string? RedactUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return RedactPath(url);
        }

        return uri.GetLeftPart(UriPartial.Authority) + RedactPath(uri.AbsolutePath);
    }

    // "/users/" followed by one segment: an id, a UPN or an address, URL-encoded or not.
    [GeneratedRegex("(/users/)[^/?#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserSegment();
}
