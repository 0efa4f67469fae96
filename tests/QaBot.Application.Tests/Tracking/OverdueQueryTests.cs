using Moq;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class OverdueQueryTests
{
    private static readonly DateOnly LongAgo = new(2026, 10, 1);
    private readonly Council _council = new();

    private OverdueQuery UseCase() => new(_council.Directory, _council.Tracking, new InMemoryComplianceStore(_council.Tracking), Council.Composer, Council.Policy);

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

        Assert.Equal((25, shown), (answer.Total, answer.Page));
        Assert.Equal(
            Enumerable.Range(shown * OverdueQuery.ItemsPerPage, onPage).Select(i => $"occ-{i:D2}"),
            answer.Items.Select(i => i.Id.Value));
        Assert.All(answer.Items, i => Assert.True(answer.Names.ContainsKey(i.Owner)));
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
    public async Task ItemsOnTheSameDayAcrossTeams_EachPageReadsOnlyItsItemsInTheAnswersOrder()
    {
        var head = _council.Save(NewPerson(30, [Chesterfield, Bolsover], Id(2), HeadOfService));
        var expected = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            _council.Add($"c-{i:D2}", i % 2 == 0 ? 6 : 7, LongAgo.AddDays(i / 4));
            _council.Add($"b-{i:D2}", 8, LongAgo.AddDays(i / 4));
        }

        var all = (await _council.Tracking.GetOutstandingAsync(Department, Council.Rules.OverdueDueBefore(Council.Today)))
            .Select(i => i.Id.Value).ToList();
        var pages = new List<string>();
        for (var page = 0; page < 3; page++)
        {
            var answer = await AskAsync(head, page: page);
            Assert.Equal(28, answer.Total);
            pages.AddRange(answer.Items.Select(i => i.Id.Value));
        }

        Assert.Equal(all, pages);
    }

    [Fact]
    public async Task ModelAndIndexOutOfStep_CountsComeFromTheModel()
    {
        var item = _council.Add("counted", 6, LongAgo);
        _council.Tracking.CorruptCell(Core.Compliance.ComplianceEntry.Of(item), 1);

        var answer = await AskAsync(Council.Person(4));

        Assert.Equal(2, answer.Total);
        Assert.Equal(2, Assert.Single(answer.Counts).Count);
        Assert.Single(answer.Items);
    }

    [Fact]
    public void Constructor_MissingDependency_NamesIt()
    {
        var compliance = new InMemoryComplianceStore(_council.Tracking);
        Assert.Equal("directory", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(null!, _council.Tracking, compliance, Council.Composer, Council.Policy)).ParamName);
        Assert.Equal("tracking", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(_council.Directory, null!, compliance, Council.Composer, Council.Policy)).ParamName);
        Assert.Equal("compliance", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(_council.Directory, _council.Tracking, null!, Council.Composer, Council.Policy)).ParamName);
        Assert.Equal("composer", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(_council.Directory, _council.Tracking, compliance, null!, Council.Policy)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => new OverdueQuery(_council.Directory, _council.Tracking, compliance, Council.Composer, null!)).ParamName);
    }

    [Fact]
    public async Task QaTeamMember_SeesTheWholeDepartmentWithNames()
    {
        var qa = _council.Save(NewPerson(31, SendTeam, Id(11), new RoleId("qa-complaints-manager")));
        _council.Add("chesterfield", 6, LongAgo);
        _council.Add("send", 12, LongAgo.AddDays(1));

        var answer = await AskAsync(qa);

        Assert.Equal((ScopeKind.Department, 2), (answer.Kind, answer.Total));
        Assert.Equal([Department], answer.Areas);
        Assert.Equal(["chesterfield", "send"], answer.Items.Select(i => i.Id.Value));
        Assert.Equal("Person 12", answer.Names[Id(12)]);
    }

    [Fact]
    public async Task FirstPage_ReadByTheKeysTheTallyKeeps_WithoutAKeyRangeRead()
    {
        for (var i = 0; i < 12; i++)
        {
            _council.Add($"k-{i:D2}", 6, LongAgo.AddDays(i));
        }

        var tracking = Recording();

        var answer = await new OverdueQuery(_council.Directory, tracking.Object, new InMemoryComplianceStore(_council.Tracking), Council.Composer, Council.Policy)
            .RunAsync(Council.Person(4), Tree, null, Council.Today, 0, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"k-{i:D2}"), answer.Items.Select(i => i.Id.Value));
        tracking.Verify(t => t.GetOutstandingByKeyAsync(It.IsAny<AreaId>(), It.IsAny<IReadOnlyList<OpenKey>>(), It.IsAny<CancellationToken>()), Times.Once);
        tracking.Verify(t => t.GetOutstandingKeptInAsync(It.IsAny<AreaId>(), It.IsAny<DateOnly>(), It.IsAny<DateOnly>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task KeptKeyNamingAnItemNoLongerThere_PageReadByKeyRangeInstead()
    {
        for (var i = 0; i < 12; i++)
        {
            _council.Add($"k-{i:D2}", 6, LongAgo.AddDays(i));
        }

        var tracking = Recording();
        tracking.Setup(t => t.GetOutstandingByKeyAsync(It.IsAny<AreaId>(), It.IsAny<IReadOnlyList<OpenKey>>(), It.IsAny<CancellationToken>()))
            .Returns((AreaId area, IReadOnlyList<OpenKey> keys, CancellationToken ct) => _council.Tracking.GetOutstandingByKeyAsync(area, keys.Skip(1).ToList(), ct));

        var answer = await new OverdueQuery(_council.Directory, tracking.Object, new InMemoryComplianceStore(_council.Tracking), Council.Composer, Council.Policy)
            .RunAsync(Council.Person(4), Tree, null, Council.Today, 0, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"k-{i:D2}"), answer.Items.Select(i => i.Id.Value));
        tracking.Verify(t => t.GetOutstandingKeptInAsync(It.IsAny<AreaId>(), It.IsAny<DateOnly>(), It.IsAny<DateOnly>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    /// <summary>The council's store behind a mock that records which reads the answer makes.</summary>
    private Mock<ITrackingStore> Recording()
    {
        var tracking = new Mock<ITrackingStore>(MockBehavior.Strict);
        tracking.Setup(t => t.GetOutstandingByKeyAsync(It.IsAny<AreaId>(), It.IsAny<IReadOnlyList<OpenKey>>(), It.IsAny<CancellationToken>()))
            .Returns((AreaId area, IReadOnlyList<OpenKey> keys, CancellationToken ct) => _council.Tracking.GetOutstandingByKeyAsync(area, keys, ct));
        tracking.Setup(t => t.GetOutstandingKeptInAsync(It.IsAny<AreaId>(), It.IsAny<DateOnly>(), It.IsAny<DateOnly>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns((AreaId area, DateOnly first, DateOnly last, int max, CancellationToken ct) => _council.Tracking.GetOutstandingKeptInAsync(area, first, last, max, ct));
        return tracking;
    }
}
