using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tests.Framework;
using QaBot.Demo;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Demo;

[Trait("Category", "Fast")]
public sealed class DemoCouncilTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static DirectoryImportPlan Plan(DemoCouncil council) => DirectoryImportPlanner.Plan(new DirectoryImportInput(
        "demo people", council.People, "demo areas", council.Areas,
        ShippedCatalogue.Catalogue.Roles.Select(r => r.Id).ToHashSet(), DirectorySnapshot.Empty, Person.Sources.Demo, Today, OrganisationPolicy.Default));

    [Fact]
    public void Create_SameSeed_GivesTheSameCouncil()
    {
        var first = DemoCouncil.Create();
        var second = DemoCouncil.Create();

        Assert.Equal(first.People, second.People);
        Assert.Equal(first.Areas, second.Areas);
        Assert.NotEqual(first.People, DemoCouncil.Create(seed: 7).People);
    }

    [Fact]
    public void Create_PassesTheSameChecksAsAnImport()
    {
        var plan = Plan(DemoCouncil.Create());

        Assert.True(plan.IsValid, string.Join(Environment.NewLine, plan.Problems));
        Assert.InRange(plan.PersonChanges.Count, 270, 330);
    }

    [Fact]
    public void Create_EveryRoleInTheCatalogueIsHeld()
    {
        var chart = Plan(DemoCouncil.Create()).Desired!;
        var engine = new ScheduleEngine(ShippedCatalogue.Catalogue, SampleFramework.Calendar, SchedulePolicy.Default);
        var held = ReminderPlanner.Holdings(chart, engine, Today).Select(h => h.Role).ToHashSet();

        Assert.All(ShippedCatalogue.Catalogue.Roles, r => Assert.Contains(r.Id, held));
    }

    [Fact]
    public void Create_LocalitiesAreDerbyshiresDistricts()
    {
        var tree = Plan(DemoCouncil.Create()).Desired!.Areas;
        var localities = tree.Areas.Where(a => a.Kind == AreaKind.Locality).Select(a => a.Name).Order().ToList();

        Assert.Equal(
            ["Locality: Amber Valley", "Locality: Bolsover", "Locality: Chesterfield", "Locality: Derbyshire Dales", "Locality: Erewash", "Locality: High Peak", "Locality: North East Derbyshire", "Locality: South Derbyshire"],
            localities);
    }

    [Fact]
    public void Create_KeyPeopleLeadWhatTheDocsSay()
    {
        var chart = Plan(DemoCouncil.Create()).Desired!;
        Scope ScopeOf(PersonId id) => chart.ScopeOf(chart.Find(id)!, Today);
        var root = chart.Areas.Root!.Id;

        Assert.Equal([root], ScopeOf(DemoCouncil.KeyPeople.ExecutiveDirector).Areas);
        Assert.Equal([root.Child("Early Help & Safeguarding")], ScopeOf(DemoCouncil.KeyPeople.DirectorEarlyHelp).Areas);
        Assert.Equal(4, ScopeOf(DemoCouncil.KeyPeople.HeadOfServiceNorth).Areas.Count);
        Assert.Equal("Team 1", chart.Areas.Find(Assert.Single(ScopeOf(DemoCouncil.KeyPeople.TeamManagerChesterfield).Areas))!.Name);
        Assert.Equal(ScopeKind.CountsOnly, ScopeOf(DemoCouncil.KeyPeople.ElectedMember).Kind);
        Assert.Equal(ScopeKind.OwnItems, ScopeOf(DemoCouncil.KeyPeople.SocialWorkerChesterfield).Kind);
        Assert.True(chart.Policy.SeesDepartment(chart.Find(DemoCouncil.KeyPeople.QaLead)!, Today));
        Assert.Equal(DemoCouncil.KeyPeople.TeamManagerChesterfield, chart.EscalationTarget(DemoCouncil.KeyPeople.SocialWorkerChesterfield, Today)?.Id);
    }

    [Fact]
    public void Create_CabinetMemberIsTheOneLeadMemberAndTheQualityDirectorBriefsThem()
    {
        var chart = Plan(DemoCouncil.Create()).Desired!;
        List<PersonId> Holders(string role) => chart.ActivePeople.Where(p => p.RolesOn(Today).Contains(new(role))).Select(p => p.Id).ToList();

        var lead = chart.Find(Assert.Single(Holders("lead-member")))!;
        var director = chart.Find(Assert.Single(Holders("director-performance-quality-partnerships")))!;

        Assert.Equal(DemoCouncil.KeyPeople.ElectedMember, lead.Id);
        Assert.Equal(["elected-member", "lead-member"], lead.RolesOn(Today).Select(r => r.Value).Order(StringComparer.Ordinal));
        Assert.True(chart.Policy.IsMember(lead, Today));
        Assert.Null(chart.EscalationTarget(lead.Id, Today));
        Assert.Equal(8, Holders("elected-member").Count);
        Assert.Equal("Director for Performance, Quality & Partnerships", director.JobTitle);
        Assert.True(chart.Policy.Leads(director, Today));
        Assert.Equal(DemoCouncil.KeyPeople.ExecutiveDirector, chart.EscalationTarget(director.Id, Today)?.Id);
    }

    [Fact]
    public void Create_EveryoneButTheTopAndElectedMembersHasALineManager()
    {
        var chart = Plan(DemoCouncil.Create()).Desired!;

        var withoutManager = chart.ActivePeople.Where(p => p.LineManager is null).ToList();

        Assert.All(withoutManager, p => Assert.True(p.Id == DemoCouncil.KeyPeople.ExecutiveDirector || p.RolesOn(Today).Contains(new("elected-member"))));
    }
}
