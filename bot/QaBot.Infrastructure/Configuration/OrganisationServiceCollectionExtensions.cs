using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;

namespace QaBot.Infrastructure.Configuration;

public static class OrganisationServiceCollectionExtensions
{
    /// <summary>Registers the organisation rules (which roles lead or monitor, from the Directory section) and the directory import.</summary>
    public static IServiceCollection AddQaBotOrganisation(this IServiceCollection services)
    {
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section);
        services.TryAddSingleton(sp => OrganisationPolicy.FromOptions(sp.GetRequiredService<IOptions<DirectoryOptions>>().Value));
        services.TryAddSingleton<DirectoryImporter>();
        return services;
    }
}
