using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

/// <summary>
/// "If applicable" means something: the team managers' reflective case review, set to be owed in Early Help and
/// Safeguarding and in SEND, reaches a team manager in Chesterfield and one in SEND, and not one in the Virtual School.
/// </summary>
[Trait("Category", "Fast")]
public sealed class ApplicabilityTests
{
    private static readonly DutyId Review = new("team-manager-reflective-case-review");
    private static readonly DutyId Supervision = new("team-manager-supervision");
    private static readonly RoleId TeamManager = new("team-manager");
    private static readonly PersonId Manager = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0001");
    private static readonly PersonId Report = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f00a1");
    private static readonly AreaId Safeguarding = AreaId.Parse("childrens-services.early-help-and-safeguarding");
    private static readonly AreaId Send = AreaId.Parse("childrens-services.schools-and-learning.send");

    private static readonly SchedulePolicy Policy = SchedulePolicy.Default with
    {
        Applicability = new Dictionary<DutyId, IReadOnlyList<AreaId>> { [Review] = [Safeguarding, Send] },
    };

    private static List<DutyId> DutiesOwed(AreaId? home)
    {
        var engine = new ScheduleEngine(ShippedFramework.Catalogue, ShippedFramework.Calendar, Policy);
        var holding = new RoleHolding(Manager, TeamManager, new DateOnly(2024, 1, 1), [Report]) { HomeArea = home };
        return engine.OccurrencesFor(holding, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).Select(o => o.DutyId).Distinct().ToList();
    }

    [Fact]
    public void OccurrencesFor_TeamManagerInAChesterfieldTeam_OwesTheReview()
    {
        var owed = DutiesOwed(AreaId.Parse("childrens-services.early-help-and-safeguarding.locality-chesterfield.team-1"));

        Assert.Contains(Review, owed);
        Assert.Contains(Supervision, owed);
    }

    [Fact]
    public void OccurrencesFor_TeamManagerInSend_OwesTheReviewAsTheFrameworkExtendsIt()
    {
        Assert.Contains(Review, DutiesOwed(AreaId.Parse("childrens-services.schools-and-learning.send.send-team-1")));
    }

    [Fact]
    public void OccurrencesFor_TeamManagerInTheVirtualSchool_OwesSupervisionButNotTheReview()
    {
        var owed = DutiesOwed(AreaId.Parse("childrens-services.schools-and-learning.virtual-school"));

        Assert.DoesNotContain(Review, owed);
        Assert.Contains(Supervision, owed);
    }

    [Fact]
    public void OccurrencesFor_AreaNotKnown_OwesEveryDutyOfTheRole()
    {
        Assert.Contains(Review, DutiesOwed(null));
    }

    [Fact]
    public void AppliesIn_AnAreaThatOnlySharesAPrefix_IsNotWithin()
    {
        Assert.False(Policy.AppliesIn(Review, AreaId.Parse("childrens-services.early-help-and-safeguarding-extra")));
        Assert.True(Policy.AppliesIn(Supervision, AreaId.Parse("childrens-services.early-help-and-safeguarding-extra")));
    }

    [Fact]
    public void Engine_ApplicabilityForADutyNotInTheCatalogue_Refused()
    {
        var policy = SchedulePolicy.Default with
        {
            Applicability = new Dictionary<DutyId, IReadOnlyList<AreaId>> { [new DutyId("no-such-duty")] = [Safeguarding] },
        };

        var error = Assert.Throws<ArgumentException>(() => new ScheduleEngine(ShippedFramework.Catalogue, ShippedFramework.Calendar, policy));

        Assert.Contains("no-such-duty", error.Message, StringComparison.Ordinal);
    }
}
