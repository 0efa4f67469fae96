using QaBot.Core.Organisation;

namespace QaBot.Core.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class AreaIdTests
{
    [Theory]
    [InlineData("Children's Services", "childrens-services")]
    [InlineData("Early Help & Safeguarding", "early-help-and-safeguarding")]
    [InlineData("Early Help and Safeguarding", "early-help-and-safeguarding")]
    [InlineData("Locality: Chesterfield", "locality-chesterfield")]
    [InlineData("  Team 3 ", "team-3")]
    [InlineData("Café Services", "cafe-services")]
    [InlineData("SEND", "send")]
    public void SlugOf_Name_GivesLowerCaseHyphenatedWords(string name, string slug) =>
        Assert.Equal(slug, AreaId.SlugOf(name));

    [Fact]
    public void IsWithin_SiblingWhoseIdStartsTheSame_IsNotWithin()
    {
        var team3 = AreaId.Root("Dept").Child("Team 3");
        var team30 = AreaId.Root("Dept").Child("Team 30");

        Assert.False(team30.IsWithin(team3));
        Assert.True(team3.IsWithin(team3));
        Assert.True(team3.IsWithin(AreaId.Root("Dept")));
        Assert.False(AreaId.Root("Dept").IsWithin(team3));
    }

    [Fact]
    public void Parent_OfChild_IsTheAreaAbove()
    {
        var team = AreaId.Root("Dept").Child("Division").Child("Team");

        Assert.Equal(AreaId.Root("Dept").Child("Division"), team.Parent);
        Assert.Null(AreaId.Root("Dept").Parent);
        Assert.Equal(2, team.Depth);
    }

    [Theory]
    [InlineData("dept.team-3", true)]
    [InlineData("dept..team", false)]
    [InlineData("Dept.Team", false)]
    [InlineData("dept/team", false)]
    [InlineData("", false)]
    public void TryParse_Text_AcceptsOnlyDottedSlugs(string text, bool valid) =>
        Assert.Equal(valid, AreaId.TryParse(text, out _));
}
