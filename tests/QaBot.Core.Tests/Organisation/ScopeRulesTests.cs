using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class ScopeRulesTests
{
    private static Scope ScopeOf(int person) => Chart.ScopeOf(Chart.Find(Id(person))!, Today);

    [Fact]
    public void For_ExecutiveDirector_IsTheWholeDepartmentWithNames()
    {
        var scope = ScopeOf(1);

        Assert.Equal(ScopeKind.Areas, scope.Kind);
        Assert.Equal([Department], scope.Areas);
        Assert.True(scope.NamesVisible);
    }

    [Fact]
    public void For_Director_IsTheirDivisionOnly()
    {
        var scope = ScopeOf(2);

        Assert.Equal([EarlyHelp], scope.Areas);
        Assert.True(scope.Covers(BolsoverTeam1));
        Assert.False(scope.Covers(SendTeam));
    }

    [Fact]
    public void For_HeadOfServiceOverTwoServices_IsBothServices()
    {
        var head = TestDirectory.NewPerson(20, [Send, SocialCare], Id(2), HeadOfService);

        var scope = ScopeRules.For(head, Policy, Tree, Today);

        Assert.Equal([Send, SocialCare], scope.Areas);
        Assert.True(scope.Covers(ChesterfieldTeam2));
        Assert.True(scope.Covers(SendTeam));
        Assert.False(scope.Covers(Schools));
    }

    [Fact]
    public void For_TeamManager_IsTheirTeam()
    {
        var scope = ScopeOf(4);

        Assert.Equal([ChesterfieldTeam1], scope.Areas);
        Assert.False(scope.Covers(ChesterfieldTeam2));
    }

    [Fact]
    public void For_ElectedMember_IsCountsForTheDepartmentWithoutNames()
    {
        var scope = ScopeOf(9);

        Assert.Equal(ScopeKind.CountsOnly, scope.Kind);
        Assert.Equal([Department], scope.Areas);
        Assert.False(scope.NamesVisible);
        Assert.False(scope.MaySeeItem(Id(6), ChesterfieldTeam1));
        Assert.True(scope.MaySeeItem(Id(9), Department));
    }

    [Fact]
    public void For_SocialWorker_IsOwnItemsOnly()
    {
        var scope = ScopeOf(6);

        Assert.Equal(ScopeKind.OwnItems, scope.Kind);
        Assert.True(scope.MaySeeItem(Id(6), ChesterfieldTeam1));
        Assert.False(scope.MaySeeItem(Id(7), ChesterfieldTeam1));
    }

    [Fact]
    public void For_LeaderWhoseRoleHasEnded_IsOwnItemsOnly()
    {
        var former = Chart.Find(Id(4))! with { Roles = [new RoleAssignment(TeamManager, new DateOnly(2024, 4, 1), new DateOnly(2026, 1, 1))] };

        Assert.Equal(ScopeKind.OwnItems, ScopeRules.For(former, Policy, Tree, Today).Kind);
    }

    [Fact]
    public void For_LeaderWhoHasLeft_IsOwnItemsOnly() =>
        Assert.Equal(ScopeKind.OwnItems, ScopeRules.For(Chart.Find(Id(2))! with { Active = false }, Policy, Tree, Today).Kind);

    [Fact]
    public void Narrow_TeamManagerAskingAboutADivision_GetsTheirTeamAndIsToldSo()
    {
        var request = ScopeOf(4).Narrow(EarlyHelp);

        Assert.Equal([ChesterfieldTeam1], request.Areas);
        Assert.True(request.Restricted);
    }

    [Fact]
    public void Narrow_TeamManagerAskingAboutAnotherLocality_GetsTheirTeamAndIsToldSo()
    {
        var request = ScopeOf(4).Narrow(Bolsover);

        Assert.Equal([ChesterfieldTeam1], request.Areas);
        Assert.True(request.Restricted);
    }

    [Fact]
    public void Narrow_DirectorAskingAboutALocalityInTheirDivision_GetsThatLocality()
    {
        var request = ScopeOf(2).Narrow(Chesterfield);

        Assert.Equal([Chesterfield], request.Areas);
        Assert.False(request.Restricted);
    }

    [Fact]
    public void Narrow_NoAreaAsked_GetsTheWholeScope() =>
        Assert.Equal([EarlyHelp], ScopeOf(2).Narrow(null).Areas);

    [Fact]
    public void Narrow_SocialWorkerAskingAboutAnArea_GetsOwnItemsOnly()
    {
        var request = ScopeOf(6).Narrow(ChesterfieldTeam1);

        Assert.True(request.OwnItemsOnly);
        Assert.Empty(request.Areas);
        Assert.True(request.Restricted);
    }

    [Fact]
    public void Outermost_NestedAreas_KeepsOnlyTheOuterOne() =>
        Assert.Equal([EarlyHelp, Send], ScopeRules.Outermost([Chesterfield, EarlyHelp, Send, ChesterfieldTeam1]));

    [Fact]
    public void For_QaTeamMemberPlacedInATeam_IsTheWholeDepartmentWithNames()
    {
        var qa = TestDirectory.NewPerson(21, SendTeam, Id(11), new RoleId("qa-complaints-manager"));

        var scope = ScopeRules.For(qa, Policy, Tree, Today);

        Assert.Equal((ScopeKind.Department, true), (scope.Kind, scope.NamesVisible));
        Assert.Equal([Department], scope.Areas);
        Assert.True(scope.MaySeeItem(Id(6), ChesterfieldTeam1));
    }

    [Fact]
    public void For_DepartmentRolesConfigured_OnlyThoseRolesSeeTheDepartment()
    {
        var qa = TestDirectory.NewPerson(21, SendTeam, Id(11), new RoleId("qa-complaints-manager"));
        var policy = Policy with { DepartmentRoles = new HashSet<RoleId> { new("performance-officer") } };

        Assert.Equal(ScopeKind.OwnItems, ScopeRules.For(qa, policy, Tree, Today).Kind);
    }
}
