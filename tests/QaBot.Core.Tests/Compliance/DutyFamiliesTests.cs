using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Tests.Framework;

namespace QaBot.Core.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class DutyFamiliesTests
{
    [Theory]
    [InlineData("team-manager-supervision", DutyFamily.Supervision)]
    [InlineData("team-manager-my-plan-pdr", DutyFamily.Supervision)]
    [InlineData("staff-supervision-participation", DutyFamily.Supervision)]
    [InlineData("head-of-service-ehs-chair-locality-scrutiny", DutyFamily.Meetings)]
    [InlineData("exec-director-chair-qa-transformation-board", DutyFamily.Meetings)]
    [InlineData("team-manager-practice-observation", DutyFamily.Observations)]
    [InlineData("exec-director-front-line-visits", DutyFamily.Observations)]
    [InlineData("head-of-service-work-sampling", DutyFamily.AuditsAndCaseReviews)]
    [InlineData("team-manager-reflective-case-review", DutyFamily.AuditsAndCaseReviews)]
    [InlineData("staff-learning", DutyFamily.Other)]
    public void Of_ShippedCatalogueDuty_TheDocumentedFamily(string duty, DutyFamily expected)
    {
        var found = ShippedCatalogue.Catalogue.FindDuty(new DutyId(duty));

        Assert.NotNull(found);
        Assert.Equal(expected, DutyFamilies.Of(found));
    }

    [Fact]
    public void Of_ShippedCatalogue_EveryFamilyOfTheChartsHoldsSomeDuty()
    {
        var families = ShippedCatalogue.Catalogue.Duties.Select(DutyFamilies.Of).ToHashSet();

        Assert.Contains(DutyFamily.Supervision, families);
        Assert.Contains(DutyFamily.AuditsAndCaseReviews, families);
        Assert.Contains(DutyFamily.Observations, families);
        Assert.Contains(DutyFamily.Meetings, families);
    }

    [Fact]
    public void Of_DutyNoLongerInTheCatalogue_Other()
    {
        Assert.Equal(DutyFamily.Other, DutyFamilies.Of(new DutyId("retired-duty"), ShippedCatalogue.Catalogue));
    }

    [Fact]
    public void Key_EveryFamily_ParsesBack()
    {
        foreach (var family in Enum.GetValues<DutyFamily>())
        {
            Assert.True(DutyFamilies.TryParseKey(DutyFamilies.Key(family), out var parsed));
            Assert.Equal(family, parsed);
        }

        Assert.False(DutyFamilies.TryParseKey("paperwork", out _));
    }
}
