using QaBot.Core.Framework;
using QaBot.Testing.Data;
using QaBot.Testing.Framework;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Framework;

[Trait("Category", "Fast")]
public sealed class FrameworkDiffTests
{
    [Fact]
    public void Compare_TwoVersionsOfTheShippedFile_ListsWhatAQaLeadWouldExpect()
    {
        var after = NextFramework.Catalogue();

        var changes = FrameworkDiff.Compare(ShippedFramework.Catalogue, after);

        Assert.Equal((3, (DateOnly?)NextFramework.EffectiveFrom), (after.Version, after.EffectiveFrom));
        Assert.Equal(
            [
                (DutyChangeKind.RhythmChanged, "exec-director-casework-sampling", "rhythm monthly (12 a year) → quarterly (4 a year)", true),
                (DutyChangeKind.WordingChanged, "exec-director-casework-sampling", "wording only (no change to who or how often)", false),
                (DutyChangeKind.Added, "team-manager-practice-week", "added (quarterly (4 a year))", false),
                (DutyChangeKind.Removed, "member-big-conversation", "removed (was yearly)", true),
            ],
            changes.Select(c => (c.Kind, c.Duty.Value, c.Describe(), c.Supersedes)).OrderBy(c => c.Kind == DutyChangeKind.Removed).ThenBy(c => c.Value, StringComparer.Ordinal).ThenBy(c => c.Kind));
        Assert.Equal(new HashSet<DutyId> { NextFramework.RhythmChanged, NextFramework.Removed }, FrameworkDiff.Superseded(ShippedFramework.Catalogue, after));
    }

    [Fact]
    public void Compare_ShippedVersion1WithVersion2_MovesTheOverviewToTheLeadMemberAddsTheDirectorsBriefingsVisitsFollowLearningDaysAndProgrammesArePlanned()
    {
        const string Programme = "now planned by each holder in their programme for the year, no longer on the calendar";
        var before = ShippedData.LoadCatalogue(ShippedData.PreviousCatalogueFile).Catalogue!;

        var changes = FrameworkDiff.Compare(before, ShippedFramework.Catalogue);

        Assert.Equal((1, 2, (DateOnly?)new DateOnly(2027, 1, 1)), (before.Version, ShippedFramework.Catalogue.Version, ShippedFramework.Catalogue.EffectiveFrom));
        Assert.Equal(
            [
                (DutyChangeKind.Added, "director-pqp-lead-member-briefings", "added (monthly (12 a year))", false),
                (DutyChangeKind.ScheduleChanged, "director-sl-future-shape-education", Programme, true),
                (DutyChangeKind.ScheduleChanged, "exec-director-front-line-visits", Programme, true),
                (DutyChangeKind.ScheduleChanged, "exec-director-learning-day-visits", "now owed after each practice learning day held, no longer on the calendar", true),
                (DutyChangeKind.ScheduleChanged, "exec-director-performance-scrutiny", Programme, true),
                (DutyChangeKind.ScheduleChanged, "member-monitor-performance", Programme, true),
                (DutyChangeKind.RoleChanged, "member-qa-overview", "moves from role elected-member to lead-member", true),
                (DutyChangeKind.ScheduleChanged, "service-director-front-line-visits", Programme, true),
                (DutyChangeKind.ScheduleChanged, "service-director-performance-scrutiny", Programme, true),
            ],
            changes.Select(c => (c.Kind, c.Duty.Value, c.Describe(), c.Supersedes)).OrderBy(c => c.Value, StringComparer.Ordinal));
        Assert.Equal(
            new HashSet<DutyId>
            {
                new("member-qa-overview"), new("exec-director-learning-day-visits"), new("exec-director-front-line-visits"), new("exec-director-performance-scrutiny"),
                new("member-monitor-performance"), new("service-director-front-line-visits"), new("service-director-performance-scrutiny"), new("director-sl-future-shape-education"),
            },
            FrameworkDiff.Superseded(before, ShippedFramework.Catalogue));
    }

    [Fact]
    public void Compare_SameCatalogue_NoChanges() =>
        Assert.Empty(FrameworkDiff.Compare(ShippedFramework.Catalogue, ShippedFramework.Catalogue));
}
