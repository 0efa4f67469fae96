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
