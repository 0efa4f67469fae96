using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Tests.Framework;
using QaBot.Testing.Data;

namespace QaBot.Core.Tests.Meetings;

[Trait("Category", "Fast")]
public sealed class MeetingScheduleLoaderTests
{
    private static MeetingScheduleLoadResult Load(string meetings) =>
        MeetingScheduleLoader.Load("version: 1\nmeetings:\n" + meetings, "meetings.yaml", ShippedCatalogue.Catalogue);

    private static IReadOnlyList<string> Errors(string meetings)
    {
        var result = Load(meetings);
        Assert.False(result.IsValid);
        return [.. result.Errors.Select(e => e.ToString())];
    }

    [Fact]
    public void LoadFile_ShippedFile_IsValidAndTakesTheFrameworksRhythmsAndChairs()
    {
        var result = ShippedData.LoadMeetings(ShippedCatalogue.Catalogue);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var meetings = result.Schedules.Meetings.ToDictionary(m => m.Id.Value);
        Assert.Equal(["qa-transformation-board", "cme-line-of-sight", "high-risk-cre-oversight-meeting", "locality-scrutiny", "locality-cre-panel"], meetings.Keys);
        Assert.Equal(MeetingCadence.EveryTwoMonths, meetings["qa-transformation-board"].Cadence);
        Assert.Equal(new RoleId("executive-director"), meetings["qa-transformation-board"].Chair);
        Assert.Equal(MeetingCadence.HalfTermly, meetings["cme-line-of-sight"].Cadence);
        Assert.Equal(MeetingCadence.Monthly, meetings["high-risk-cre-oversight-meeting"].Cadence);
        Assert.Equal(MeetingCadence.TwiceMonthly, meetings["locality-scrutiny"].Cadence);
        Assert.Equal(2, meetings["locality-scrutiny"].Days.Count);
        Assert.Equal(new RoleId("head-of-service-early-help-safeguarding"), meetings["locality-scrutiny"].Chair);
        Assert.Null(result.Schedules.DefaultOrganiser);
    }

    [Fact]
    public void Load_RhythmContradictingTheFramework_NamesTheLineAndField()
    {
        var errors = Errors("""
              - body: qa-transformation-board
                rhythm: monthly
                on: first tuesday
                from: 2027-01-01
                time: "10:00"
                durationMinutes: 60
                attendees: [{ role: service-director }]
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith("meetings.yaml:4:", error, StringComparison.Ordinal);
        Assert.Contains("meetings[0].rhythm: the framework says the body 'QA & Transformation Board' meets every two months", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BodyWithoutAFrameworkRhythm_NeedsOne()
    {
        var errors = Errors("""
              - body: corporate-parenting-board
                on: first monday
                from: 2027-01-01
                time: "10:00"
                durationMinutes: 60
                attendees: [{ role: elected-member }]
            """);

        Assert.Contains(errors, e => e.Contains("meetings[0].rhythm: required: the framework states no rhythm", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_IndividualLevelEntry_IsADutyNotAMeeting()
    {
        var errors = Errors("""
              - body: professional-supervision
                rhythm: monthly
                on: first monday
                from: 2027-01-01
                time: "10:00"
                durationMinutes: 60
                attendees: [{ role: team-manager }]
            """);

        Assert.Contains(errors, e => e.Contains("individual performance management", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EveryProblemInOneEntry_IsReportedWithItsField()
    {
        var errors = Errors("""
              - id: scrutiny
                duty: head-of-service-ehs-chair-locality-scrutiny
                on: [first wednesday]
                from: 2027-02-30
                time: "25:00"
                durationMinutes: 5
                organiser: not-a-mailbox
                colour: blue
                attendees:
                  - role: team-manger
                  - role: team-manager
                    area: each
            """);

        Assert.Contains(errors, e => e.Contains("meetings[0].on: twice-monthly meetings need two days", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].from: '2027-02-30' is not a date", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].time: '25:00' is not a time", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].durationMinutes: 'durationMinutes' must be a whole number from 15 to 600", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].organiser: 'not-a-mailbox' is not a mailbox", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].colour: unknown field 'colour'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].attendees[0].role: unknown role 'team-manger'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].attendees[1].area: area: each means the meeting's own area", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("meetings[0].subject: required for a duty's meetings", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("meetings.yaml:10:", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DutyThatIsNotAChairedMeeting_IsRefused()
    {
        var errors = Errors("""
              - id: supervision
                duty: team-manager-supervision
                subject: Supervision
                on: first monday
                from: 2027-01-01
                time: "10:00"
                durationMinutes: 60
                attendees: [{ role: team-manager }]
            """);

        Assert.Contains(errors, e => e.Contains("is not a meeting a role chairs", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DutyLinkedToABody_PointsAtTheBody()
    {
        var errors = Errors("""
              - id: cre
                duty: director-ehs-chair-cre-oversight
                subject: CRE
                on: first monday
                from: 2027-01-01
                time: "10:00"
                durationMinutes: 60
                attendees: [{ role: team-manager }]
            """);

        Assert.Contains(errors, e => e.Contains("schedule the body instead (body: high-risk-cre-oversight-meeting)", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SameBodyTwice_SaysWhereItWasFirst()
    {
        const string entry = """
              - body: high-risk-cre-oversight-meeting
                on: first monday
                from: 2027-01-01
                time: "10:00"
                durationMinutes: 60
                attendees: [{ role: team-manager }]

            """;

        var errors = Errors(entry + entry);

        Assert.Contains(errors, e => e.Contains("'high-risk-cre-oversight-meeting' is scheduled twice: already at line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ExternalAttendeeAndPerAreaMeeting_AreRead()
    {
        var result = Load("""
              - id: locality-scrutiny
                duty: head-of-service-ehs-chair-locality-scrutiny
                subject: "Scrutiny: {area}"
                on: [second monday, fourth monday]
                from: 2027-01-01
                until: 2027-12-31
                time: "9:30"
                durationMinutes: 60
                organiser: Boards@Council.Example
                forEachArea: { within: Early Help & Safeguarding, kind: locality }
                attendees:
                  - role: team-manager
                    area: each
                  - email: designated.nurse@nhs.example
                    name: Designated Nurse
            """);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var meeting = Assert.Single(result.Schedules.Meetings);
        Assert.Equal("boards@council.example", meeting.Organiser);
        Assert.Equal(new TimeOnly(9, 30), meeting.Time);
        Assert.Equal(new DateOnly(2027, 12, 31), meeting.Until);
        Assert.Equal(MeetingDay.Nth(WeekOfMonth.Fourth, DayOfWeek.Monday), meeting.Days[1]);
        Assert.True(meeting.Attendees[0].EachArea);
        Assert.Equal("designated.nurse@nhs.example", meeting.Attendees[1].Email);
        Assert.Equal(QaBot.Core.Organisation.AreaKind.Locality, meeting.EachArea!.Kind);
    }

    [Theory]
    [InlineData("first tuesday", 2027, 1, 5)]
    [InlineData("Third Wednesday", 2027, 1, 20)]
    [InlineData("last friday", 2027, 1, 29)]
    [InlineData("day 15", 2027, 1, 15)]
    public void MeetingDay_InMonth_GivesTheDate(string phrase, int year, int month, int day)
    {
        var parsed = MeetingDay.TryParse(phrase, out var problem);

        Assert.Null(problem);
        Assert.Equal(new DateOnly(year, month, day), parsed!.InMonth(year, month));
    }

    [Theory]
    [InlineData("fifth monday")]
    [InlineData("first saturday")]
    [InlineData("day 31")]
    [InlineData("every tuesday")]
    public void MeetingDay_TryParse_RefusesWhatEveryMonthDoesNotHave(string phrase)
    {
        Assert.Null(MeetingDay.TryParse(phrase, out var problem));
        Assert.NotNull(problem);
    }
}
