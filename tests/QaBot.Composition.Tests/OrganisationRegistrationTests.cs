using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class OrganisationRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQaBot(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddQaBot_NoAccessSection_TheQaTeamAndHeadOfPerformanceSeeTheDepartment()
    {
        using var services = Build([]);

        Assert.Equal(
            ["head-of-performance-quality-participation", "qa-complaints-manager"],
            services.GetRequiredService<OrganisationPolicy>().DepartmentRoles.Select(r => r.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddQaBot_AccessDepartmentRoles_ReplaceTheDefaultsAndKeepTheLeaderRoles()
    {
        using var services = Build(new() { ["Access:DepartmentRoles:0"] = "performance-officer" });

        var policy = services.GetRequiredService<OrganisationPolicy>();

        Assert.Equal([new RoleId("performance-officer")], policy.DepartmentRoles);
        Assert.Contains(new RoleId("team-manager"), policy.LeaderRoles);
    }
}
