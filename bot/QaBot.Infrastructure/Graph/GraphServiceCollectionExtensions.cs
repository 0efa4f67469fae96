using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Core.Calendar;
using QaBot.Core.Configuration;
using QaBot.Core.Installation;
using QaBot.Core.Meetings;
using QaBot.Core.Organisation.Sync;
using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Graph;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Graph settings (checked at start-up), the Graph adapters behind Core's ports (calendars, the
    /// directory, installs), the install records and the use cases. No Graph client is built, and no credential read,
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
        services.TryAddSingleton<BoardMeetingSync>();
        services.TryAddSingleton<DirectorySync>();
        services.TryAddSingleton<AppInstallRun>();
        services.TryAddSingleton<GraphSyncRun>();
        return services;
    }
}
