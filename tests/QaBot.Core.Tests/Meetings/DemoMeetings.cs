using QaBot.Core.Calendar;
using QaBot.Core.Meetings;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tests.Framework;
using QaBot.Demo;
using QaBot.Testing.Data;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Meetings;

/// <summary>The demo council's directory, the shipped catalogue, calendar and meetings file, for planning meetings.</summary>
internal static class DemoMeetings
{
    public const string Organiser = "qa.boards@demo-council.example";

    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<OrganisationChart> LazyChart = new(() => DirectoryImportPlanner.Plan(new DirectoryImportInput(
        "demo people", DemoCouncil.Create().People, "demo areas", DemoCouncil.Create().Areas,
        ShippedCatalogue.Catalogue.Roles.Select(r => r.Id).ToHashSet(), DirectorySnapshot.Empty, Person.Sources.Demo,
        DateOnly.FromDateTime(Now.Date), OrganisationPolicy.Default)).Desired!);

    public static OrganisationChart Chart => LazyChart.Value;

    public static CouncilCalendar Calendar => SampleFramework.Calendar;

    public static MeetingScheduleSet Schedules
    {
        get
        {
            var result = ShippedData.LoadMeetings(ShippedCatalogue.Catalogue);
            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
            return result.Schedules;
        }
    }

    public static BoardPlan Plan(
        OrganisationChart? chart = null,
        IReadOnlyList<Versioned<BoardMeetingRecord>>? records = null,
        MeetingScheduleSet? schedules = null,
        IReadOnlyList<string>? mailboxes = null,
        DateTimeOffset? now = null) =>
        BoardMeetingPlanner.Plan(new BoardPlanInput(
            schedules ?? Schedules,
            ShippedCatalogue.Catalogue,
            Calendar,
            chart ?? Chart,
            records ?? [],
            mailboxes ?? [Organiser],
            now ?? Now,
            Calendar.LocalDateOf(now ?? Now),
            Calendar.LocalDateOf(now ?? Now).AddDays(365)));

    /// <summary>The records a sync would have saved after applying the plan.</summary>
    public static IReadOnlyList<Versioned<BoardMeetingRecord>> RecordsAfter(BoardPlan plan) =>
        [.. plan.Meetings.Select((m, i) => new Versioned<BoardMeetingRecord>(
            new BoardMeetingRecord(m.ScheduleId, m.Key, m.Organiser, m.TransactionId, "event-" + i, BoardMeetingState.Created, m.AttendeeAddresses, m.Fingerprint, Now),
            "v1"))];
}
