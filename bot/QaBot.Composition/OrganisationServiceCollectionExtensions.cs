using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation.Import;

namespace QaBot.Composition;

public static class OrganisationServiceCollectionExtensions
{
    /// <summary>Registers the organisation rules (which roles lead or monitor, from the Directory section, and which see the whole department, from Access) and the directory import.</summary>
    public static IServiceCollection AddQaBotOrganisation(this IServiceCollection services)
    {
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.MemberSupportOfficer) || o.MemberSupportOfficer.Contains('@', StringComparison.Ordinal), "Directory:MemberSupportOfficer must be a user principal name, for example member.support@council.gov.uk.")
            .ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AccessOptions>>().Value.Apply(sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.ToPolicy()));
        services.TryAddSingleton<DirectoryImporter>();
        return services;
    }
}
