using QaBot.Core.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class OrganisationChartTests
{
    [Fact]
    public void EscalationTarget_PersonWithLineManager_IsTheManager() =>
        Assert.Equal(Id(4), Chart.EscalationTarget(Id(6), Today)?.Id);

    [Fact]
    public void EscalationTarget_NoLineManager_IsTheHeadOfTheirArea()
    {
        Assert.Equal(Id(11), Chart.EscalationTarget(Id(12), Today)?.Id);
    }

    [Fact]
    public void EscalationTarget_LeaderWithNoLineManager_IsTheHeadOfTheAreaAbove()
    {
        var chart = new OrganisationChart(Tree, People.Select(p => p.Id == Id(4) ? p with { LineManager = null } : p), Policy);

        // Chesterfield (locality) has no leader, so it goes on up to the head of service.
        Assert.Equal(Id(3), chart.EscalationTarget(Id(4), Today)?.Id);
    }

    [Fact]
    public void EscalationTarget_ManagerHasLeft_GoesToTheHeadAbove()
    {
        var chart = new OrganisationChart(Tree, People.Select(p => p.Id == Id(4) ? p with { Active = false } : p), Policy);

        // Person 6's manager has left; the head of Chesterfield Team 1 is gone, so the head of service.
        Assert.Equal(Id(3), chart.EscalationTarget(Id(6), Today)?.Id);
    }

    [Fact]
    public void EscalationTarget_ExecutiveDirector_IsNobody() =>
        Assert.Null(Chart.EscalationTarget(Id(1), Today));

    [Fact]
    public void EscalationChain_SocialWorker_RunsUpToTheExecutiveDirector() =>
        Assert.Equal([Id(4), Id(3), Id(2), Id(1)], Chart.EscalationChain(Id(6), Today).Select(p => p.Id));

    [Fact]
    public void EscalationChain_ManagersInACircle_StopsBeforeRepeating()
    {
        var chart = new OrganisationChart(Tree, People.Select(p => p.Id == Id(3) ? p with { LineManager = Id(4) } : p), Policy);

        Assert.Equal([Id(4), Id(3)], chart.EscalationChain(Id(6), Today).Select(p => p.Id));
    }

    [Fact]
    public void EscalationTarget_ElectedMemberWithNoMemberSupportNamed_IsNobodyNotTheExecutiveDirector()
    {
        Assert.Null(Chart.EscalationTarget(Id(9), Today));
        Assert.Empty(Chart.EscalationChain(Id(9), Today));
    }

    [Fact]
    public void EscalationChain_ElectedMemberWithMemberSupportNamed_IsThatOfficerAloneAndGoesNoHigher()
    {
        var chart = new OrganisationChart(Tree, People, Policy with { MemberSupportUpn = "PERSON7@council.example" });

        Assert.Equal([Id(7)], chart.EscalationChain(Id(9), Today).Select(p => p.Id));
        Assert.Equal([Id(4), Id(3), Id(2), Id(1)], chart.EscalationChain(Id(6), Today).Select(p => p.Id));
    }

    [Fact]
    public void EscalationTarget_MemberWhoAlsoHoldsAnOfficersRole_IsTreatedAsAnOfficer()
    {
        var chart = new OrganisationChart(
            Tree,
            People.Select(p => p.Id == Id(9) ? p with { Roles = [.. p.Roles, new RoleAssignment(AllStaff, new DateOnly(2024, 4, 1))] } : p),
            Policy with { MemberSupportUpn = "person7@council.example" });

        Assert.False(chart.Policy.IsMember(chart.Find(Id(9))!, Today));
        Assert.Equal(Id(1), chart.EscalationTarget(Id(9), Today)?.Id);
    }

    [Fact]
    public void LeadersOf_Team_IsItsTeamManager() =>
        Assert.Equal([Id(4)], Chart.LeadersOf(ChesterfieldTeam1, Today).Select(p => p.Id));

    [Fact]
    public void PeopleIn_Locality_IncludesEveryoneInItsTeams() =>
        Assert.Equal([Id(4), Id(6), Id(7)], Chart.PeopleIn(Chesterfield).Select(p => p.Id).OrderBy(i => i.Value, StringComparer.Ordinal));

    [Fact]
    public void ReportsOf_TeamManager_AreTheirTeam() =>
        Assert.Equal([Id(6), Id(7)], Chart.ReportsOf(Id(4)).Select(p => p.Id).OrderBy(i => i.Value, StringComparer.Ordinal));

    [Fact]
    public void FindByUpn_DifferentCase_FindsThePerson() =>
        Assert.Equal(Id(7), Chart.FindByUpn("PERSON7@Council.Example")?.Id);
}
