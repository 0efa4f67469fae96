using QaBot.Core.Organisation;
using QaBot.Testing.Organisation;

namespace QaBot.Core.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class AreaTreeTests
{
    private static readonly AreaTree Tree = TestDirectory.Tree;

    [Theory]
    [InlineData("Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1")]
    [InlineData("Children's Services > Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfield > Team 1")]
    [InlineData("early help and safeguarding > childrens social care north > locality: chesterfield > team 1")]
    public void FindByPath_WithOrWithoutDepartment_FindsTheArea(string path) =>
        Assert.Equal(TestDirectory.ChesterfieldTeam1, Tree.FindByPath(path)?.Id);

    [Fact]
    public void FindByPath_Typo_FindsNothingAndSuggestsTheNearestName()
    {
        const string path = "Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfeld";

        Assert.Null(Tree.FindByPath(path));
        Assert.Equal(TestDirectory.Chesterfield, Tree.Suggest(path)[0].Id);
    }

    [Fact]
    public void Suggest_TypoHigherUpAPath_SuggestsTheWholePathMeant() =>
        Assert.Equal(
            TestDirectory.ChesterfieldTeam1,
            Tree.Suggest("Early Help & Safeguarding > Children's Social Care North > Locality: Chesterfeld > Team 1")[0].Id);

    [Fact]
    public void Resolve_NameSharedByTwoAreas_ReturnsBoth()
    {
        var found = Tree.Resolve("Team 1");

        Assert.Equal([TestDirectory.BolsoverTeam1, TestDirectory.ChesterfieldTeam1], found.Select(a => a.Id).OrderBy(i => i.Value, StringComparer.Ordinal));
    }

    [Fact]
    public void Resolve_EndOfAPath_ReturnsTheOneAreaItNames() =>
        Assert.Equal(TestDirectory.BolsoverTeam1, Assert.Single(Tree.Resolve("Locality: Bolsover > Team 1")).Id);

    [Fact]
    public void Resolve_FullPath_ReturnsThatArea() =>
        Assert.Equal(TestDirectory.Send, Assert.Single(Tree.Resolve("Children's Services > Schools & Learning > SEND")).Id);

    [Fact]
    public void Resolve_UnknownName_ReturnsNothing() =>
        Assert.Empty(Tree.Resolve("Locality: Erewash"));

    [Fact]
    public void Subtree_Division_ListsItAndEverythingBelowParentsFirst()
    {
        var ids = Tree.Subtree(TestDirectory.EarlyHelp).Select(a => a.Id).ToList();

        Assert.Equal(7, ids.Count);
        Assert.Equal(TestDirectory.EarlyHelp, ids[0]);
        Assert.True(ids.IndexOf(TestDirectory.Chesterfield) < ids.IndexOf(TestDirectory.ChesterfieldTeam1));
        Assert.DoesNotContain(TestDirectory.Send, ids);
    }

    [Fact]
    public void PathOf_Team_NamesEveryLevel() =>
        Assert.Equal(
            "Children's Services > Early Help & Safeguarding > Children's Social Care North > Locality: Bolsover > Team 1",
            Tree.PathOf(TestDirectory.BolsoverTeam1));

    [Fact]
    public void Constructor_TwoTopLevelAreas_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new AreaTree([
            new Area(AreaId.Root("One"), "One", AreaKind.Department),
            new Area(AreaId.Root("Two"), "Two", AreaKind.Department),
        ]));

    [Fact]
    public void Subtree_RetiredArea_IsNotCurrent()
    {
        var tree = new AreaTree(TestDirectory.Areas.Select(a => a.Id == TestDirectory.BolsoverTeam1 ? a with { Retired = true } : a));

        Assert.False(tree.IsCurrent(TestDirectory.BolsoverTeam1));
        Assert.NotNull(tree.Find(TestDirectory.BolsoverTeam1));
        Assert.DoesNotContain(tree.Subtree(TestDirectory.Bolsover), a => a.Id == TestDirectory.BolsoverTeam1);
    }
}
