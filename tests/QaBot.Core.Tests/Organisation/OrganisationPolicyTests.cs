using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tests.Framework;

namespace QaBot.Core.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class OrganisationPolicyTests
{
    [Fact]
    public void Default_EveryRoleItNames_IsInTheShippedCatalogue()
    {
        var roles = ShippedCatalogue.Catalogue.Roles.Select(r => r.Id).ToHashSet();

        Assert.All(OrganisationPolicy.Default.LeaderRoles.Concat(OrganisationPolicy.Default.MonitorRoles), r => Assert.Contains(r, roles));
    }

    [Fact]
    public void Default_PractitionerRoles_LeadNothing()
    {
        Assert.DoesNotContain(new RoleId("all-staff"), OrganisationPolicy.Default.LeaderRoles);
        Assert.DoesNotContain(new RoleId("iro-cp-chair"), OrganisationPolicy.Default.LeaderRoles);
        Assert.DoesNotContain(new RoleId("elected-member"), OrganisationPolicy.Default.LeaderRoles);
    }
}
