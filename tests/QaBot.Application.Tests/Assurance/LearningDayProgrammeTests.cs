using QaBot.Application.Assurance;
using QaBot.Application.Configuration;
using QaBot.Core.Assurance;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Assurance;

/// <summary>
/// The QA team (an operator) arranges a practice learning day in Chesterfield led by the head of service (person 3) with
/// persons 4, 6 and 7 taking part; the executive director (person 1) owes the follow-up visit once it is held.
/// </summary>
[Trait("Category", "Fast")]
public sealed class LearningDayProgrammeTests
{
    private static readonly Actor QaTeam = Actor.Operator("qa.lead@council.gov.uk");
    private static readonly AuditOrigin Cli = new("cli", "learning-days");
    private static readonly DutyId Visits = new("exec-director-learning-day-visits");
    private readonly Council _council = new();
    private readonly InMemoryLearningDayStore _days = new();

    private LearningDayProgramme Programme(int visitWeeks = 6) => new(
        _days, _council.Tracking, _council.Directory, Council.Rules, ShippedFramework.Catalogue, new CaseReferencePattern(CaseReferencePattern.Default),
        new AssuranceOptions { LearningDayVisitWeeks = visitWeeks });

    private static string File(string date = "2026-11-18", string service = "Locality: Chesterfield", string lead = "") => $"""
        title: Neglect in early help
        service: "{service}"
        date: {date}
        lead: {(lead.Length > 0 ? lead : Council.Person(3).Upn)}
        participants:
          - {Council.Person(4).Upn}
          - {Council.Person(6).Upn}
          - {Council.Person(7).Upn}
        linesOfEnquiry:
          - Do plans show the child's lived experience?
          - Is drift noticed and acted on?
        """;

    private Task<LearningDayCreation> CreateAsync(string? yaml = null, bool dryRun = false) =>
        Programme().CreateAsync(yaml ?? File(), "day.yaml", QaTeam, Council.Now, Cli, dryRun, CancellationToken.None);

    private Task<LearningDayChange> ActivityAsync(string id, string summary = "Plans were clear; chronologies were not kept up to date.", string kind = "reflective-case-review", string? reference = "1234567") =>
        Programme().RecordActivityAsync(id, kind, summary, reference, Council.Person(4).Upn, QaTeam, Council.Now, Cli, CancellationToken.None);

    [Fact]
    public async Task Create_ArrangesTheDayWithItsServiceLeadAndParticipants_OnceForTheSameFile()
    {
        var created = await CreateAsync();
        var again = await CreateAsync();

        Assert.Empty(created.Problems);
        Assert.True(created.Created);
        var day = created.Day!;
        Assert.Equal(("2026-11-18-neglect-in-early-help", Chesterfield, Id(3)), (day.Id, day.Service, day.Lead));
        Assert.Equal([Id(4), Id(6), Id(7)], day.Participants);
        Assert.Equal(2, day.LinesOfEnquiry.Count);
        Assert.False(again.Created);
        Assert.Equal(day.Id, again.Day!.Id);
        Assert.Equal("arranged", Assert.Single(await _days.GetAuditTrailAsync(day.Id)).Action);
    }

    [Fact]
    public async Task Create_DryRun_ChecksEverythingAndWritesNothing()
    {
        var checkedOnly = await CreateAsync(dryRun: true);

        Assert.NotNull(checkedOnly.Day);
        Assert.False(checkedOnly.Created);
        Assert.Empty(await _days.ListAsync());
    }

    [Fact]
    public async Task Create_UnknownServiceAndLead_EachNamed_AndNothingWritten()
    {
        var refused = await CreateAsync(File(service: "Chesterfeld", lead: "nobody@council.gov.uk"));

        Assert.Null(refused.Day);
        Assert.Equal(2, refused.Problems.Count);
        Assert.StartsWith("day.yaml: service: no area of the directory is called 'Chesterfeld'", refused.Problems[0], StringComparison.Ordinal);
        Assert.Equal("day.yaml: lead: no one active in the directory signs in as nobody@council.gov.uk", refused.Problems[1]);
        Assert.Empty(await _days.ListAsync());
    }

    [Fact]
    public async Task Create_SameTitleAndDateWithOtherDetails_Refused()
    {
        await CreateAsync();

        var refused = await CreateAsync(File().Replace("  - " + Council.Person(7).Upn + "\n", string.Empty, StringComparison.Ordinal));

        Assert.Null(refused.Day);
        Assert.Contains("with different details", Assert.Single(refused.Problems), StringComparison.Ordinal);
        Assert.Equal(3, (await _days.GetAsync("2026-11-18-neglect-in-early-help"))!.Participants.Count);
    }

    [Fact]
    public async Task RecordActivity_KeepsItNumberedWithItsCaseAndWhoUndertookIt()
    {
        var id = (await CreateAsync()).Day!.Id;

        var first = await ActivityAsync(id);
        var second = await ActivityAsync(id, "Practitioners described their caseloads openly.", "focus-group", null);

        Assert.True(first.Changed, first.Message);
        Assert.True(second.Changed, second.Message);
        var day = (await _days.GetAsync(id))!;
        Assert.Equal(
            [(1, LearningActivityKind.ReflectiveCaseReview, "1234567"), (2, LearningActivityKind.FocusGroup, (string?)null)],
            day.Activities.Select(a => (a.Number, a.Kind, a.Case?.Value)));
        Assert.Equal("1 reflective case review, 1 focus group", LearningDayText.Activities(day));
        Assert.Equal(Id(4), day.Activities[0].By);
        Assert.Equal(["arranged", "activity recorded", "activity recorded"], (await _days.GetAuditTrailAsync(id)).Select(e => e.Action));
    }

    [Theory]
    [InlineData("Child born 03/04/2019 was seen.", "reflective-case-review", "1234567", "date of birth")]
    [InlineData("A good review.", "file-audit", "1234567", "not a kind of activity")]
    [InlineData("A good review.", "reflective-case-review", "Smith1", "Smith1")]
    [InlineData("  ", "focus-group", null, "Give a summary")]
    public async Task RecordActivity_BadInput_RefusedSayingWhy_AndNothingWritten(string summary, string kind, string? reference, string expected)
    {
        var id = (await CreateAsync()).Day!.Id;

        var refused = await ActivityAsync(id, summary, kind, reference);

        Assert.False(refused.Changed);
        Assert.Contains(expected, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await _days.GetAsync(id))!.Activities);
        Assert.Single(await _days.GetAuditTrailAsync(id));
    }

    [Fact]
    public async Task RecordActivity_BeforeTheDay_Refused()
    {
        var id = (await CreateAsync(File(date: "2026-12-10"))).Day!.Id;

        var refused = await ActivityAsync(id);

        Assert.False(refused.Changed);
        Assert.Contains("on or after the day", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordHeld_GivesTheExecutiveDirectorTheFollowUpVisit_DueSixWeeksOn_AndASecondRecordingMakesNothing()
    {
        var id = (await CreateAsync()).Day!.Id;
        await ActivityAsync(id);

        var held = await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);
        var again = await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);

        Assert.Null(held.Problem);
        Assert.True(held.Recorded);
        Assert.Equal(1, held.VisitsMade);
        Assert.Equal(new DateOnly(2026, 12, 30), held.VisitsDue);
        Assert.False(again.Recorded);
        Assert.Equal(0, again.VisitsMade);
        var day = held.Day!;
        var item = (await _council.Tracking.GetAsync(ItemKey.For(Council.Person(1), day.VisitItemFor(Visits, Id(1)))))!;
        Assert.Equal((Visits, Id(1), new DateOnly(2026, 12, 30)), (item.Duty, item.Owner, item.Due));
        Assert.Equal("Follow-up visit to Locality: Chesterfield after the practice learning day on Wed 18 Nov 2026 ('Neglect in early help')", item.Note);
        Assert.NotEmpty(item.RemindAt);
        Assert.Equal(["arranged", "activity recorded", "held"], (await _days.GetAuditTrailAsync(id)).Select(e => e.Action));

        var view = (await Programme().GetAsync(id, CancellationToken.None))!;
        Assert.Equal("Person 1", Assert.Single(view.Visits).Owner);
        Assert.Equal("due Wed 30 Dec 2026", LearningDayText.Visits(view, Council.Today));
    }

    [Fact]
    public async Task RecordHeld_SixWeeksOnIsChristmasDay_TheVisitIsDueOnTheWorkingDayBefore()
    {
        var id = (await CreateAsync(File(date: "2026-11-13"))).Day!.Id;

        var held = await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 12, 24), held.VisitsDue);
    }

    [Fact]
    public async Task RecordHeld_LongAfterTheDay_TheVisitIsDueAfterToday()
    {
        var id = (await CreateAsync(File(date: "2026-09-01"))).Day!.Id;

        var held = await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 11, 23), held.VisitsDue);
    }

    [Fact]
    public async Task RecordHeld_BeforeTheDayOrOnceCancelled_RefusedAndNoVisit()
    {
        var future = (await CreateAsync(File(date: "2026-12-10"))).Day!.Id;
        var past = (await CreateAsync()).Day!.Id;
        var cancelled = await Programme().CancelAsync(past, "The lead was unwell; moved to the spring.", QaTeam, Council.Now, Cli, CancellationToken.None);

        var early = await Programme().RecordHeldAsync(future, QaTeam, Council.Now, Cli, CancellationToken.None);
        var afterCancel = await Programme().RecordHeldAsync(past, QaTeam, Council.Now, Cli, CancellationToken.None);

        Assert.True(cancelled.Changed);
        Assert.Contains("on or after the day", early.Problem, StringComparison.Ordinal);
        Assert.Contains("was cancelled", afterCancel.Problem, StringComparison.Ordinal);
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(1)));
        Assert.False((await ActivityAsync(past)).Changed);
    }

    [Fact]
    public async Task RecordHeld_AgainAfterANewExecutiveDirectorStarts_GivesHerNoSecondVisit_AndAHeldDayCannotBeCancelled()
    {
        var id = (await CreateAsync()).Day!.Id;
        await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);
        var successor = _council.Save(NewPerson(40, Department, null, ExecutiveDirector) with
        {
            Roles = [new QaBot.Core.Organisation.RoleAssignment(ExecutiveDirector, Council.Today.AddDays(1))],
        });

        var again = await Programme().RecordHeldAsync(id, QaTeam, Council.Now.AddDays(2), Cli, CancellationToken.None);
        var cancel = await Programme().CancelAsync(id, "Changed our minds.", QaTeam, Council.Now.AddDays(2), Cli, CancellationToken.None);

        Assert.Equal((0, new DateOnly(2026, 12, 30)), (again.VisitsMade, again.VisitsDue));
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(successor));
        Assert.False(cancel.Changed);
        Assert.Equal("The day 2026-11-18-neglect-in-early-help was recorded as held on Fri 20 Nov 2026: a day held cannot be cancelled.", cancel.Message);
    }

    [Fact]
    public async Task RecordHeld_WithNoExecutiveDirector_RecordsTheDayAndNamesTheVacantRole_ThenAgainOnceOneIsInPost()
    {
        var id = (await CreateAsync()).Day!.Id;
        var director = Council.Person(1);
        _council.Save(director with { Roles = [new QaBot.Core.Organisation.RoleAssignment(ExecutiveDirector, new DateOnly(2024, 4, 1), new DateOnly(2026, 10, 31))] });

        var vacant = await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);
        _council.Save(director);
        var filled = await Programme().RecordHeldAsync(id, QaTeam, Council.Now.AddDays(1), Cli, CancellationToken.None);

        Assert.Equal((true, 0), (vacant.Recorded, vacant.VisitsMade));
        Assert.Equal([ExecutiveDirector], vacant.VacantRoles);
        Assert.Equal(1, filled.VisitsMade);
        Assert.Empty(filled.VacantRoles);
    }

    [Fact]
    public async Task GetAsync_AVisitHandedToAnotherExecutiveDirector_StillShownAgainstTheDay()
    {
        var id = (await CreateAsync()).Day!.Id;
        var held = await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);
        var other = _council.Save(NewPerson(41, Schools, null, ExecutiveDirector));
        Assert.Equal(1, held.VisitsMade);
        await _council.Tracking.TransferAsync(new ItemTransfer(TransferKind.ReassignOutstanding, Id(1), Department, other, Council.Now.AddDays(1), QaTeam, Cli));

        var view = (await Programme().GetAsync(id, CancellationToken.None))!;

        Assert.Equal("Person 41", Assert.Single(view.Visits).Owner);
    }

    [Fact]
    public async Task Cancel_NeedsAReasonWithoutPersonalIdentifiers()
    {
        var id = (await CreateAsync()).Day!.Id;

        var none = await Programme().CancelAsync(id, " ", QaTeam, Council.Now, Cli, CancellationToken.None);
        var phone = await Programme().CancelAsync(id, "Ring 07700 900123 to rearrange", QaTeam, Council.Now, Cli, CancellationToken.None);

        Assert.False(none.Changed);
        Assert.False(phone.Changed);
        Assert.Contains("phone", phone.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null((await _days.GetAsync(id))!.Outcome);
    }

    [Fact]
    public async Task VisitTally_CountsVisitsAfterDaysHeldInTheLastYear_AgainstTheFrameworksSixAYear()
    {
        var id = (await CreateAsync()).Day!.Id;
        await Programme().RecordHeldAsync(id, QaTeam, Council.Now, Cli, CancellationToken.None);
        var programme = Programme();

        var lines = programme.VisitTally(await programme.ListAsync(CancellationToken.None), Council.Today);

        Assert.Equal(
            "Follow-up visits by the Executive Director of Children’s Services after days held in the last 12 months: 0 made, 1 still to make; the framework expects 6 a year.",
            Assert.Single(lines));
    }
}
