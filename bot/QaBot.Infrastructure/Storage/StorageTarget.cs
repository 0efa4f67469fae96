using System.Net;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Which storage the settings point at: the local emulator (Azurite, <c>UseDevelopmentStorage=true</c>, or endpoints on
/// this machine) or a real account, and that account's name. Commands that write made-up data check it first.
/// </summary>
/// <param name="Account">The account name, or a description when none can be read from the settings.</param>
/// <param name="IsEmulator">True only when every endpoint QaBot would use is on this machine.</param>
/// <param name="Where">The endpoints' hosts, for messages.</param>
public sealed record StorageTarget(string Account, bool IsEmulator, string Where)
{
    private const string EmulatorAccount = "devstoreaccount1";

    public static StorageTarget Describe(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TableServiceUri is { } table)
        {
            return FromEndpoints(null, [table, options.QueueServiceUri]);
        }

        var parts = Parse(options.ConnectionString ?? string.Empty);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) && Uri.TryCreate(p, UriKind.Absolute, out var proxyUri) ? proxyUri : null;
            return proxy is null || IsLoopback(proxy)
                ? new StorageTarget(EmulatorAccount, true, "the local emulator")
                : new StorageTarget(EmulatorAccount, false, proxy.Host);
        }

        var account = parts.GetValueOrDefault("AccountName");
        Uri?[] endpoints = [Endpoint(parts, "TableEndpoint"), Endpoint(parts, "QueueEndpoint")];
        if (endpoints.All(e => e is null))
        {
            // No explicit endpoints: the SDK builds them from the account name on the public cloud.
            var suffix = parts.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net";
            return new StorageTarget(account ?? "(no account name in Storage:ConnectionString)", false, $"{account}.table.{suffix}");
        }

        return FromEndpoints(account, endpoints);
    }

    private static StorageTarget FromEndpoints(string? account, Uri?[] endpoints)
    {
        var present = endpoints.OfType<Uri>().ToList();
        var isEmulator = present.Count > 0 && present.All(IsLoopback);
        var name = account
            ?? (isEmulator ? present[0].AbsolutePath.Trim('/').Split('/')[0] : present[0].Host.Split('.')[0]);
        return new StorageTarget(
            string.IsNullOrEmpty(name) ? EmulatorAccount : name,
            isEmulator,
            string.Join(", ", present.Select(e => e.Authority).Distinct(StringComparer.OrdinalIgnoreCase)));
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static Uri? Endpoint(Dictionary<string, string> parts, string key) =>
        parts.TryGetValue(key, out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    private static Dictionary<string, string> Parse(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
}
