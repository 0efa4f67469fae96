using QaBot.Core.Framework;
using QaBot.Core.Meetings;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;
using QaBot.Core.Tests.Framework;
using QaBot.Demo;
using QaBot.Testing.Data;

namespace QaBot.Core.Tests.Meetings;

[Trait("Category", "Fast")]
public sealed class BoardMeetingPlannerTests
{
    private static PlannedMeeting Single(BoardPlan plan, string schedule, string key = BoardMeetingPlanner.SeriesKey) =>
        Assert.Single(plan.Meetings, m => m.ScheduleId.Value == schedule && m.Key == key);

    [Fact]
    public void Plan_DemoCouncil_QaBoardEveryTwoMonthsWithTheExecutiveDirectorServiceDirectorsAndHeadsOfService()
    {
        var plan = DemoMeetings.Plan();

        Assert.Empty(plan.Problems);
        var board = Single(plan, "qa-transformation-board");
        Assert.Equal(BoardMeetingAction.Create, board.Action);
        Assert.Equal("QA & Transformation Board", board.Event.Subject);
        Assert.Equal(new MeetingRecurrence(MeetingDay.Nth(WeekOfMonth.First, DayOfWeek.Tuesday), 2, new DateOnly(2027, 1, 5), null), board.Event.Recurrence);
        Assert.Equal(
            [new(2027, 1, 5), new(2027, 3, 2), new(2027, 5, 4), new(2027, 7, 6), new(2027, 9, 7), new(2027, 11, 2)],
            board.Occurrences);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.Zero), board.Start);
        Assert.Equal(TimeSpan.FromHours(2), board.End - board.Start);

        var chart = DemoMeetings.Chart;
        var today = new DateOnly(2026, 11, 20);
        var expected = chart.ActivePeople
            .Where(p => p.HoldsRole(new RoleId("executive-director"), today) || p.HoldsRole(new RoleId("service-director"), today)
                || p.HoldsRole(new RoleId("assistant-director-head-of-service"), today))
            .Select(p => p.Upn.ToLowerInvariant())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, board.AttendeeAddresses);
        Assert.Equal(14, expected.Count);
        var chair = board.Event.Attendees[0];
        Assert.True(chair.Chair);
        Assert.Equal(DemoCouncil.KeyPeople.ExecutiveDirector, chair.Person);
        Assert.Single(board.Event.Attendees, a => a.Chair);
    }

    [Fact]
    public void Plan_DemoCouncil_CmeLineOfSightOncePerHalfTermFromTheTermCalendar()
    {
        var plan = DemoMeetings.Plan();

        var cme = plan.Meetings.Where(m => m.ScheduleId.Value == "cme-line-of-sight").ToList();
        // Autumn 2 2026's meeting (18 November) has been held; the next twelve months hold six half-terms' meetings.
        Assert.Equal(["2026-27-ht3", "2026-27-ht4", "2026-27-ht5", "2026-27-ht6", "2027-28-ht1", "2027-28-ht2"], cme.Select(m => m.Key));
        Assert.Equal(
            [new(2027, 1, 20), new(2027, 3, 10), new(2027, 4, 28), new(2027, 6, 23), new(2027, 9, 22), new(2027, 11, 17)],
            cme.Select(m => m.Event.Date));
        Assert.All(cme, m => Assert.Null(m.Event.Recurrence));
        Assert.All(cme, m => Assert.True(m.Provisional));
        Assert.All(cme, m => Assert.Contains("Provisional date", m.Event.BodyText, StringComparison.Ordinal));
        Assert.All(cme, m => Assert.Equal(
            [DemoCouncil.KeyPeople.DirectorSchools, DemoCouncil.KeyPeople.DirectorEarlyHelp],
            m.Event.Attendees.Select(a => a.Person!.Value)));
    }

    [Fact]
    public void Plan_LocalityScrutiny_OneMeetingTwiceAMonthForEachHeadOfServiceWithTheTeamManagersOfTheirLocalities()
    {
        var plan = DemoMeetings.Plan();

        var scrutiny = plan.Meetings.Where(m => m.ScheduleId.Value == "locality-scrutiny").ToList();
        Assert.Equal(4, scrutiny.Count);
        var north = scrutiny.Where(m => m.Event.Attendees[0].Person == DemoCouncil.KeyPeople.HeadOfServiceNorth).ToList();
        Assert.Equal(2, north.Count);
        var first = Assert.Single(north, m => m.Key.EndsWith("/series", StringComparison.Ordinal));
        var second = Assert.Single(north, m => m.Key.EndsWith("/series-2", StringComparison.Ordinal));
        Assert.StartsWith("Locality scrutiny meeting: ", first.Event.Subject, StringComparison.Ordinal);
        Assert.Contains("Locality: Chesterfield", first.Event.Subject, StringComparison.Ordinal);
        Assert.Equal(MeetingDay.Nth(WeekOfMonth.First, DayOfWeek.Wednesday), first.Event.Recurrence!.Day);
        Assert.Equal(MeetingDay.Nth(WeekOfMonth.Third, DayOfWeek.Wednesday), second.Event.Recurrence!.Day);
        Assert.Equal(1, first.Event.Recurrence.IntervalMonths);
        Assert.True(first.Event.Attendees[0].Chair);
        Assert.Single(first.Event.Attendees, a => a.Chair);

        var head = DemoMeetings.Chart.Find(DemoCouncil.KeyPeople.HeadOfServiceNorth)!;
        var teamManagers = DemoMeetings.Chart.ActivePeople
            .Where(p => p.HoldsRole(new RoleId("team-manager"), new DateOnly(2026, 11, 20)) && head.Areas.Any(p.WorksIn))
            .Select(p => p.Id)
            .ToHashSet();
        Assert.True(teamManagers.Count >= 8, $"{teamManagers.Count} team managers");
        Assert.Equal(teamManagers, first.Event.Attendees.Skip(1).Select(a => a.Person!.Value).ToHashSet());
    }

    [Fact]
    public void Plan_ShippedMeetingsForTheNextTwelveMonths_NobodyIsInTwoMeetingsAtOnce()
    {
        var plan = DemoMeetings.Plan();

        Assert.Empty(plan.Problems);
        var slots = plan.Meetings
            .SelectMany(m => m.Occurrences.SelectMany(d => m.Event.Attendees.Select(a => (a.Address, Start: d.ToDateTime(m.Event.Time), End: d.ToDateTime(m.Event.Time) + m.Event.Duration, m))))
            .GroupBy(s => s.Address, StringComparer.OrdinalIgnoreCase);
        foreach (var person in slots)
        {
            var ordered = person.OrderBy(s => s.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{person.Key}: {ordered[i - 1].m.Event.Subject} and {ordered[i].m.Event.Subject} on {ordered[i].Start:d MMM yyyy}");
            }
        }
    }

    [Fact]
    public void Plan_OneChairForFourLocalitiesAtTheSameHour_EachClashNamedWithItsLinesAndNothingBooked()
    {
        var text = File.ReadAllText(ShippedData.MeetingsFile).Replace("      together: chair\n", string.Empty, StringComparison.Ordinal);
        var loaded = MeetingScheduleLoader.Load(text, "meetings.yaml", ShippedCatalogue.Catalogue);
        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Errors));

        var plan = DemoMeetings.Plan(schedules: loaded.Schedules);

        var scrutinyLine = loaded.Schedules.Meetings.Single(m => m.Id.Value == "locality-scrutiny").Line;
        var clash = Assert.Single(plan.Problems.Where(p => p.Message.Contains("'Locality scrutiny meeting: Locality: Chesterfield'", StringComparison.Ordinal)), p => p.Message.Contains("Ian Whitworth", StringComparison.Ordinal)
            && p.Message.Contains("Locality: Chesterfield", StringComparison.Ordinal) && p.Message.Contains("Locality: Bolsover", StringComparison.Ordinal)
            && p.Message.Contains("at 13:30 (line", StringComparison.Ordinal) && p.Message.Contains("Wed 6 Jan 2027", StringComparison.Ordinal));
        Assert.Equal(scrutinyLine, clash.Line);
        Assert.Equal("time", clash.Field);
        Assert.Contains($"(line {scrutinyLine})", clash.Message, StringComparison.Ordinal);
        Assert.Contains("Wed 6 Jan 2027", clash.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Meetings, m => m.ScheduleId.Value is "locality-scrutiny" or "locality-cre-panel");
        Assert.Contains(plan.Meetings, m => m.ScheduleId.Value == "qa-transformation-board");
    }

    [Fact]
    public void Plan_SameDirectoryAfterASync_ChangesNothing()
    {
        var first = DemoMeetings.Plan();

        var second = DemoMeetings.Plan(records: DemoMeetings.RecordsAfter(first));

        Assert.All(second.Meetings, m => Assert.Equal(BoardMeetingAction.Unchanged, m.Action));
        Assert.Empty(second.Cancellations);
        Assert.False(second.HasChanges);
    }

    [Fact]
    public void Plan_SomeoneTakesUpAHeadOfServiceRole_TheBoardsAttendeesFollow()
    {
        var first = DemoMeetings.Plan();
        var records = DemoMeetings.RecordsAfter(first);
        var manager = DemoMeetings.Chart.Find(DemoCouncil.KeyPeople.TeamManagerChesterfield)!;
        var promoted = manager with
        {
            Roles = [.. manager.Roles, new RoleAssignment(new RoleId("assistant-director-head-of-service"), new DateOnly(2026, 11, 16))],
        };
        var chart = new OrganisationChart(DemoMeetings.Chart.Areas, DemoMeetings.Chart.People.Select(p => p.Id == promoted.Id ? promoted : p), OrganisationPolicy.Default);

        var second = DemoMeetings.Plan(chart, records);

        var board = Single(second, "qa-transformation-board");
        Assert.Equal(BoardMeetingAction.Update, board.Action);
        Assert.True(board.AttendeesOnly);
        Assert.Contains(manager.Upn, board.AttendeeAddresses);
        Assert.Equal(["attendees added: " + manager.Upn], board.Changes);
        Assert.Equal(first.Meetings.Single(m => m.ScheduleId == board.ScheduleId).TransactionId, board.TransactionId);
        Assert.Single(second.Meetings, m => m.Action == BoardMeetingAction.Update);
    }

    [Fact]
    public void Plan_ScheduleRemovedFromTheFile_CancelsItsEvents()
    {
        var first = DemoMeetings.Plan();
        var records = DemoMeetings.RecordsAfter(first);
        var schedules = DemoMeetings.Schedules;
        var without = schedules with { Meetings = [.. schedules.Meetings.Where(m => m.Id.Value != "high-risk-cre-oversight-meeting")] };

        var second = DemoMeetings.Plan(records: records, schedules: without);

        var cancellation = Assert.Single(second.Cancellations);
        Assert.Equal("high-risk-cre-oversight-meeting", cancellation.Record.Value.Body.Value);
        Assert.Equal("no longer in the meetings file", cancellation.Reason);
        Assert.Equal("High Risk CRE Oversight Meeting", cancellation.Name);
        Assert.Contains(second.Unscheduled, u => u.Id == "high-risk-cre-oversight-meeting" && u.Framework.Contains("monthly", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OrganiserOutsideTheAllowedMailboxes_IsAProblemAndLeavesTheScheduleAlone()
    {
        var first = DemoMeetings.Plan();
        var records = DemoMeetings.RecordsAfter(first);

        var schedules = DemoMeetings.Schedules with { DefaultOrganiser = DemoMeetings.Organiser };

        var second = DemoMeetings.Plan(records: records, schedules: schedules, mailboxes: ["someone.else@demo-council.example"]);

        Assert.Equal(schedules.Meetings.Count, second.Problems.Count);
        Assert.All(second.Problems, p => Assert.Contains("is not one of Graph:OrganiserMailboxes", p.Message, StringComparison.Ordinal));
        Assert.Empty(second.Meetings);
        Assert.Empty(second.Cancellations);
    }

    [Fact]
    public void Plan_OrganiserMailboxChanged_CreatesInTheNewMailboxAndReplacesTheOld()
    {
        var first = DemoMeetings.Plan();
        var records = DemoMeetings.RecordsAfter(first);

        var second = DemoMeetings.Plan(records: records, mailboxes: ["boards@demo-council.example"]);

        var board = Single(second, "qa-transformation-board");
        Assert.Equal(BoardMeetingAction.Create, board.Action);
        Assert.Equal("boards@demo-council.example", board.Organiser);
        Assert.Equal(DemoMeetings.Organiser, board.Replaces!.Organiser);
        Assert.NotEqual(board.Existing!.Value.TransactionId, board.TransactionId);
    }

    [Fact]
    public void Plan_NoOrganiserAnywhere_SaysWhereToSetOne()
    {
        var plan = DemoMeetings.Plan(mailboxes: []);

        Assert.Contains(plan.Problems, p => p.Field == "organiser" && p.Message.Contains("Graph:OrganiserMailboxes", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ChangedTime_UpdatesEverythingWithTheSameTransactionId()
    {
        var first = DemoMeetings.Plan();
        var records = DemoMeetings.RecordsAfter(first);
        var schedules = DemoMeetings.Schedules;
        var moved = schedules with
        {
            Meetings = [.. schedules.Meetings.Select(m => m.Id.Value == "qa-transformation-board" ? m with { Time = new TimeOnly(9, 30) } : m)],
        };

        var second = DemoMeetings.Plan(records: records, schedules: moved);

        var board = Single(second, "qa-transformation-board");
        Assert.Equal(BoardMeetingAction.Update, board.Action);
        Assert.False(board.AttendeesOnly);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 9, 30, 0, TimeSpan.Zero), board.Start);
    }

    [Fact]
    public void Plan_UnscheduledBodies_AreListedWithWhatTheFrameworkSays()
    {
        var plan = DemoMeetings.Plan();

        Assert.Contains(plan.Unscheduled, u => u.Id == "corporate-parenting-board" && u.Framework.StartsWith("the framework gives no rhythm", StringComparison.Ordinal));
        Assert.Contains(plan.Unscheduled, u => u.Id == "head-cp-iro-chair-dissent-panel" && u.Framework.Contains("as required", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Unscheduled, u => u.Id is "professional-supervision" or "my-plan-and-pdr" or "qa-transformation-board");
        Assert.Equal(ShippedCatalogue.Catalogue.Bodies.Count(b => b.Level != MeetingScheduleLoader.IndividualLevel) - 3, plan.Unscheduled.Count(u => u.Kind == "body"));
    }

    [Fact]
    public void Plan_AreaRemovedFromTheDirectory_CancelsThatAreasMeetings()
    {
        var first = DemoMeetings.Plan();
        var records = DemoMeetings.RecordsAfter(first);
        var bolsover = DemoMeetings.Chart.Areas.Areas.Single(a => a.Name == "Locality: Bolsover").Id;
        var areas = DemoMeetings.Chart.Areas.AllIncludingRetired.Select(a => a.Id.IsWithin(bolsover) ? a with { Retired = true } : a);
        var people = DemoMeetings.Chart.People.Where(p => !p.Areas.Any(a => a.IsWithin(bolsover)));
        var chart = new OrganisationChart(new AreaTree(areas), people, OrganisationPolicy.Default);

        var second = DemoMeetings.Plan(chart, records);

        Assert.Equal(3, second.Cancellations.Count);
        Assert.All(second.Cancellations, c => Assert.Contains(bolsover.Value, c.Record.Value.Key, StringComparison.Ordinal));
        Assert.All(second.Cancellations, c => Assert.Contains("no longer in the directory", c.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void TransactionId_SameInputs_SameIdAndADifferentOneAfterACancellation()
    {
        var id = new BodyId("qa-transformation-board");
        var first = BoardMeetingPlanner.TransactionId(id, "series", null);

        Assert.Equal(first, BoardMeetingPlanner.TransactionId(id, "series", null));
        Assert.NotEqual(first, BoardMeetingPlanner.TransactionId(id, "series", first));
        Assert.True(Guid.TryParse(first, out _));
    }
}
