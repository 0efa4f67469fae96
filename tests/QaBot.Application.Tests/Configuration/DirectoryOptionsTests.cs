using QaBot.Application.Configuration;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Application.Tests.Configuration;

[Trait("Category", "Fast")]
public sealed class DirectoryOptionsTests
{
    [Fact]
    public void ToPolicy_ConfiguredLists_ReplaceTheDefaults()
    {
        var options = new DirectoryOptions();
        options.LeaderRoles.Add("team-manager");
        options.MonitorRoles.Add("elected-member");

        var policy = options.ToPolicy();

        Assert.Equal([new RoleId("team-manager")], policy.LeaderRoles);
        Assert.Equal([new RoleId("elected-member")], policy.MonitorRoles);
    }

    [Fact]
    public void ToPolicy_Empty_UsesTheDefaults() =>
        Assert.Equal(OrganisationPolicy.Default.LeaderRoles.Count, new DirectoryOptions().ToPolicy().LeaderRoles.Count);
}
