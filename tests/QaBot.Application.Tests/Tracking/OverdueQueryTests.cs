using QaBot.Application.Tracking;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class OverdueQueryTests
{
    private static readonly DateOnly LongAgo = new(2026, 10, 1);
    private readonly Council _council = new();

    private OverdueQuery UseCase() => new(_council.Directory, _council.Tracking, Council.Composer, Council.Policy);

    private Task<OverdueAnswer> AskAsync(Person viewer, Area? asked = null, int page = 0) =>
        UseCase().RunAsync(viewer, Tree, asked, Council.Today, page, CancellationToken.None);

    [Fact]
    public async Task PersonWhoLeadsNothing_SeesTheirOwnOverdueItemsOnly()
    {
        _council.Add("mine-late", 6, LongAgo);
        _council.Add("mine-earlier", 6, LongAgo.AddDays(-5));
        _council.Add("mine-due-today", 6, Council.Today);
        _council.Add("colleagues", 7, LongAgo);

        var answer = await AskAsync(Council.Person(6));

        Assert.Equal(ScopeKind.OwnItems, answer.Kind);
        Assert.Equal(["mine-earlier", "mine-late"], answer.Items.Select(i => i.Id.Value));
        Assert.Equal((2, false, 0), (answer.Total, answer.Restricted, answer.Areas.Count));
        Assert.Equal("Person 6", answer.Names[Id(6)]);
    }

    [Fact]
    public async Task PersonWhoLeadsNothingAskingAboutAnArea_IsToldTheAnswerIsRestricted()
    {
        var answer = await AskAsync(Council.Person(6), Tree.Find(Chesterfield));

        Assert.Equal(ScopeKind.OwnItems, answer.Kind);
        Assert.True(answer.Restricted);
    }

    [Fact]
    public async Task ElectedMember_SeesCountsByAreaAndDutyWithoutNames()
    {
        _council.Add("a", 6, LongAgo);
        _council.Add("b", 7, LongAgo, "case-audit");
        _council.Add("c", 12, LongAgo.AddDays(3));
        _council.Add("d", 8, LongAgo);
        _council.Add("not-yet", 8, Council.Today);

        var answer = await AskAsync(Council.Person(9));

        Assert.Equal(ScopeKind.CountsOnly, answer.Kind);
        Assert.Empty(answer.Items);
        Assert.Empty(answer.Names);
        Assert.Equal(
            [
                new AreaDutyCount(EarlyHelp, new DutyId("supervision"), 2, LongAgo),
                new AreaDutyCount(EarlyHelp, new DutyId("case-audit"), 1, LongAgo),
                new AreaDutyCount(Schools, new DutyId("supervision"), 1, LongAgo.AddDays(3)),
            ],
            answer.Counts);
        Assert.Equal(4, answer.Total);
    }

    [Fact]
    public async Task Leader_SeesTheOverdueItemsOfTheirAreaWorstFirstWithNames()
    {
        _council.Add("team-1", 6, LongAgo, concerns: Id(7));
        _council.Add("team-1-older", 7, LongAgo.AddDays(-1));
        _council.Add("other-locality", 8, LongAgo);

        var answer = await AskAsync(Council.Person(4));

        Assert.Equal(ScopeKind.Areas, answer.Kind);
        Assert.Equal([ChesterfieldTeam1], answer.Areas);
        Assert.Equal(["team-1-older", "team-1"], answer.Items.Select(i => i.Id.Value));
        Assert.Equal(new AreaDutyCount(ChesterfieldTeam1, new DutyId("supervision"), 2, LongAgo.AddDays(-1)), Assert.Single(answer.Counts));
        Assert.Equal(["Person 4", "Person 6", "Person 7"], answer.Names.Values.Order());
    }

    [Fact]
    public async Task LeaderOfTwoAreas_CountsUnderEachAreaInScope()
    {
        var head = _council.Save(NewPerson(30, [Chesterfield, Bolsover], Id(2), HeadOfService));
        _council.Add("chesterfield", 6, LongAgo);
        _council.Add("chesterfield-2", 7, LongAgo.AddDays(1));
        _council.Add("bolsover", 8, LongAgo);

        var answer = await AskAsync(head);

        Assert.Equal([Chesterfield, Bolsover], answer.Areas);
        Assert.Equal(3, answer.Total);
        Assert.Equal(
            [new AreaDutyCount(Chesterfield, new DutyId("supervision"), 2, LongAgo), new AreaDutyCount(Bolsover, new DutyId("supervision"), 1, LongAgo)],
            answer.Counts);
    }

    [Fact]
    public async Task LeaderAskingAboutAPartOfTheirArea_SeesThatPart()
    {
        _council.Add("chesterfield", 6, LongAgo);
        _council.Add("bolsover", 8, LongAgo);

        var answer = await AskAsync(Council.Person(3), Tree.Find(BolsoverTeam1));

        Assert.Equal(["bolsover"], answer.Items.Select(i => i.Id.Value));
        Assert.False(answer.Restricted);
        Assert.Equal(BolsoverTeam1, answer.Asked!.Id);
    }

    [Theory]
    [InlineData(0, 0, 10)]
    [InlineData(1, 1, 10)]
    [InlineData(2, 2, 5)]
    [InlineData(9, 2, 5)]
    [InlineData(-1, 0, 10)]
    public async Task ManyItems_PagedTenAtATimeWithNamesForThePageShown(int asked, int shown, int onPage)
    {
        for (var i = 0; i < 25; i++)
        {
            _council.Add($"occ-{i:D2}", i % 2 == 0 ? 6 : 7, LongAgo.AddDays(i));
        }

        var answer = await AskAsync(Council.Person(4), page: asked);

        Assert.Equal((25, shown), (answer.Items.Count, answer.Page));
        var pageItems = answer.Items.Skip(shown * OverdueQuery.ItemsPerPage).Take(OverdueQuery.ItemsPerPage).ToList();
        Assert.Equal(onPage, pageItems.Count);
        Assert.All(pageItems, i => Assert.True(answer.Names.ContainsKey(i.Owner)));
    }

    [Fact]
    public async Task LeaderWithNothingOverdue_GetsAnEmptyFirstPage()
    {
        var answer = await AskAsync(Council.Person(1), page: 3);

        Assert.Equal((0, 0, 0), (answer.Total, answer.Page, answer.Counts.Count));
    }

    [Fact]
    public async Task Arguments_Missing_AreNamed()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => UseCase().RunAsync(null!, Tree, null, Council.Today, 0, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => UseCase().RunAsync(Council.Person(4), null!, null, Council.Today, 0, CancellationToken.None));
    }

    [Fact]
    public void Constructor_MissingDependency_NamesIt()
    {
        Assert.Equal("directory", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(null!, _council.Tracking, Council.Composer, Council.Policy)).ParamName);
        Assert.Equal("tracking", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(_council.Directory, null!, Council.Composer, Council.Policy)).ParamName);
        Assert.Equal("composer", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(_council.Directory, _council.Tracking, null!, Council.Policy)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(_council.Directory, _council.Tracking, Council.Composer, null!)).ParamName);
    }
}
