using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Composition;
using QaBot.Core.Tracking;

namespace QaBot.Cli;

/// <summary>What every command needs: the output writers and, built on first use, the configured services.</summary>
public sealed class CliContext : IAsyncDisposable
{
    private readonly IEnumerable<KeyValuePair<string, string?>>? _overrides;
    private readonly Action<IServiceCollection>? _configureServices;
    private ServiceProvider? _services;

    public CliContext(
        TextWriter output,
        TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? overrides,
        Action<IServiceCollection>? configureServices = null)
    {
        Output = output;
        Error = error;
        _overrides = overrides;
        _configureServices = configureServices;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IServiceProvider Services => _services ??= BuildServices();

    /// <summary>
    /// Who is running the command, as recorded in the governance log: the <c>Cli:Operator</c> setting (a council sign-in
    /// such as <c>jo.bloggs@council.gov.uk</c>, set per person or by the IT team's jump box), or else the machine's user name.
    /// </summary>
    public Actor Operator
    {
        get
        {
            var configured = Services.GetRequiredService<IConfiguration>()["Cli:Operator"];
            return Actor.Operator(string.IsNullOrWhiteSpace(configured) ? Environment.UserName + "@" + Environment.MachineName : configured);
        }
    }

    private ServiceProvider BuildServices()
    {
        IConfiguration configuration = QaBotConfiguration.Build(_overrides);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(configuration);
        _configureServices?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }
}
