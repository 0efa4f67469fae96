using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace QaBot.BotFramework.Connector;

/// <summary>
/// Which service URLs the bot's token may be sent to: https on a host named in <c>Bot:ServiceUrlHosts</c> (by default
/// the Teams public cloud's Bot Connector, <see cref="BotOptions.TeamsPublicCloudServiceUrlHost"/>), or a loopback
/// host in local development (the Agents Playground). The connector client attaches the token to whatever URL an
/// activity or a stored conversation names, so every URL is checked here first: inbound activities naming another
/// host are refused, and a stored conversation naming one is treated as stale.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly HashSet<string> _hosts;
    private readonly bool _allowLoopback;

    public ServiceUrlPolicy(IEnumerable<string> hosts, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        _hosts = new HashSet<string>(hosts.Select(h => h.Trim().TrimEnd('.')), StringComparer.OrdinalIgnoreCase);
        _allowLoopback = allowLoopback;
    }

    /// <summary>
    /// Loopback is allowed in the Development environment; in a process without a host environment (the CLI, tests'
    /// pipelines) only when no app id is configured, so that no token exists to leak.
    /// </summary>
    internal static ServiceUrlPolicy Create(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<BotOptions>>().Value;
        var environment = provider.GetService<IHostEnvironment>();
        var allowLoopback = environment is not null ? environment.IsDevelopment() : options.IsLocalDevelopment;
        return new ServiceUrlPolicy(options.EffectiveServiceUrlHosts, allowLoopback);
    }

    /// <summary>True when the bot may send its token to this service URL.</summary>
    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        if (uri.IsLoopback)
        {
            return _allowLoopback && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        }

        return uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && _hosts.Contains(uri.IdnHost.TrimEnd('.'));
    }
}
