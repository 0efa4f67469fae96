using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Installation;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation.Sync;
using QaBot.Application.Sync;
using QaBot.Core.Calendar;
using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Graph;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Graph settings (checked at start-up), the Graph adapters behind the application's ports
    /// (calendars, the directory, installs) and the install records. No Graph client is built, and no credential read,
    /// until something calls Graph.
    /// </summary>
    public static IServiceCollection AddQaBotGraph(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>());
        services.AddOptions<GraphSyncOptions>().BindConfiguration(GraphSyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(_ => GraphTransport.Network());
        services.TryAddSingleton(sp => new GraphCredential(GraphCredentialFactory.Create(sp.GetRequiredService<IOptions<GraphOptions>>().Value)));
        services.TryAddSingleton<GraphClientHolder>();
        services.TryAddSingleton<ICalendarGateway>(sp =>
        {
            var holder = sp.GetRequiredService<GraphClientHolder>();
            return new GraphCalendarGateway(() => holder.Client, sp.GetRequiredService<CouncilCalendar>());
        });
        services.TryAddSingleton<IDirectorySource>(sp =>
        {
            var holder = sp.GetRequiredService<GraphClientHolder>();
            return new GraphDirectorySource(() => holder.Client, sp.GetRequiredService<IOptions<GraphSyncOptions>>());
        });
        services.TryAddSingleton<ITeamsAppInstaller>(sp =>
        {
            var holder = sp.GetRequiredService<GraphClientHolder>();
            return new GraphTeamsAppInstaller(() => holder.Client, sp.GetRequiredService<IOptions<GraphSyncOptions>>());
        });

        services.TryAddSingleton<IAppInstallationStore, TableAppInstallationStore>();
        services.TryAddSingleton<IGraphConnection, GraphConnection>();
        return services;
    }
}
