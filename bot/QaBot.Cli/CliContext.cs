using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Composition;

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
