using QaBot.Application.Assurance;
using QaBot.Application.Configuration;
using QaBot.Core.Assurance;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Assurance;

/// <summary>
/// The Executive Director (person 1) plans 2027's visits to front-line teams and homes and the meetings of their
/// programme of meetings; the service directors (persons 2 and 10) and the elected member (person 9) have programmes of
/// their own; a team manager (person 4) has none. Today is Friday 20 November 2026; each programme's target is 4 a year.
/// </summary>
[Trait("Category", "Fast")]
public sealed class AnnualProgrammesTests
{
    private const string Visits = "exec-director-front-line-visits";
    private const string Meetings = "exec-director-performance-scrutiny";
    private static readonly Actor QaTeam = Actor.Operator("qa.lead@council.gov.uk");
    private static readonly AuditOrigin Cli = new("cli", "programme");
    private static readonly ScheduleRules Rules = new(Council.Rules.Calendar, Council.Rules.Policy, ShippedFramework.Catalogue);
    private readonly Council _council = new();
    private readonly InMemoryProgrammeStore _store = new();

    private AnnualProgrammes Programmes(int flagMonth = 1, int managerFlagMonth = 3) => new(
        _store, _council.Tracking, Rules, ShippedFramework.Catalogue, new CaseReferencePattern(CaseReferencePattern.Default),
        new AssuranceOptions { ProgrammeFlagMonth = flagMonth, ProgrammeManagerFlagMonth = managerFlagMonth });

    private Task<ProgrammeAddition> AddAsync(string what, string when, string? duty = Visits, int person = 1, DateTimeOffset? at = null) =>
        Programmes().AddAsync(Council.Person(person), duty, what, when, QaTeam, at ?? Council.Now, Cli, CancellationToken.None);

    private TrackedItem? Item(int person, string duty, int year, int number) =>
        _council.Tracking.GetAsync(new ItemKey(Council.Person(person).HomeArea, Programme.ItemFor(new ProgrammeKey(Id(person), new DutyId(duty), year), number))).GetAwaiter().GetResult();

    [Fact]
    public async Task Add_AMonth_MakesAnItemDueOnTheMonthsLastWorkingDay_RemindedInTheMonth()
    {
        var added = await AddAsync("Chesterfield locality team", "2027-03");

        Assert.Null(added.Problem);
        Assert.True(added.Added);
        Assert.Equal((1, "Chesterfield locality team", "2027-03"), (added.Entry!.Number, added.Entry.What, added.Entry.When.Text));
        var item = Item(1, Visits, 2027, 1)!;
        // Wednesday 31 March 2027; ten working days before it, over Good Friday and Easter Monday, is Monday 15 March.
        Assert.Equal((new DateOnly(2027, 3, 31), new DateOnly(2027, 1, 1)), (item.Due, item.WindowFrom));
        Assert.Equal(new DateOnly(2027, 3, 15), Council.Rules.Calendar.LocalDateOf(item.RemindAt[0]));
        Assert.Equal("Programme for 2027, entry 1: Chesterfield locality team (March 2027)", item.Note);
        Assert.Equal(ItemStatus.Open, item.Status);
        Assert.Equal("programme entry added", Assert.Single(await _store.GetAuditTrailAsync(added.Programme!.Key)).Action);
    }

    [Fact]
    public async Task Add_ADateOnABankHolidayOrAWeekend_IsDueTheNextWorkingDay_NotBeforeItHappens()
    {
        var holiday = await AddAsync("Oakwood House children's home", "2027-05-03");
        var saturday = await AddAsync("Beech Lodge children's home", "2027-05-15");

        Assert.True(holiday.Added && saturday.Added);
        // Monday 3 May 2027 is the early May bank holiday: due Tuesday 4 May. Saturday 15 May: due Monday 17 May.
        Assert.Equal(new DateOnly(2027, 5, 4), Item(1, Visits, 2027, 1)!.Due);
        Assert.Equal(new DateOnly(2027, 5, 17), Item(1, Visits, 2027, 2)!.Due);
    }

    [Fact]
    public async Task MakeMissingItems_FinishesAnAdditionStoppedBeforeItsItem_OnceForEachEntry_AndLeavesLeaversAlone()
    {
        var key = new ProgrammeKey(Id(1), new DutyId(Visits), 2027);
        var leaverKey = new ProgrammeKey(Id(2), new DutyId("service-director-front-line-visits"), 2027);
        foreach (var k in new[] { key, leaverKey })
        {
            var entry = new ProgrammeEntry(1, "Chesterfield locality team", new ProgrammeWhen(2027, 3, null), QaTeam, Council.Now);
            await _store.AddEntryAsync(k, entry, new Programme(k, []).AddedEntry(entry, Cli));
        }

        var people = People.Select(p => p.Id == Id(2) ? p with { Active = false } : p).ToList();
        var chart = new QaBot.Core.Organisation.OrganisationChart(Tree, people, Policy);

        var made = await Programmes().MakeMissingItemsAsync(chart, Council.Now, Cli, CancellationToken.None);
        var again = await Programmes().MakeMissingItemsAsync(chart, Council.Now, Cli, CancellationToken.None);

        Assert.Equal((1, 0), (made, again));
        Assert.Equal(new DateOnly(2027, 3, 31), Item(1, Visits, 2027, 1)!.Due);
        Assert.Null(Item(2, "service-director-front-line-visits", 2027, 1));
    }

    [Fact]
    public async Task Add_TheSameThingAtTheSameTime_AddsNothingMore()
    {
        await AddAsync("Chesterfield locality team", "2027-03");
        var again = await AddAsync("chesterfield locality team", "2027-03");
        var another = await AddAsync("Bolsover locality team", "2027-06");

        Assert.False(again.Added);
        Assert.Equal(1, again.Entry!.Number);
        Assert.Equal(0, again.ItemsMade);
        Assert.Equal(2, another.Entry!.Number);
        Assert.Equal(2, (await _store.GetAsync(new ProgrammeKey(Id(1), new DutyId(Visits), 2027)))!.Entries.Count);
        Assert.Equal(2, (await _store.GetAuditTrailAsync(new ProgrammeKey(Id(1), new DutyId(Visits), 2027))).Count);
    }

    [Fact]
    public async Task Add_AfterAStopBeforeTheItem_MakesTheMissingItemOnTheNextAdd()
    {
        var key = new ProgrammeKey(Id(1), new DutyId(Visits), 2027);
        var entry = new ProgrammeEntry(1, "Chesterfield locality team", new ProgrammeWhen(2027, 3, null), QaTeam, Council.Now);
        await _store.AddEntryAsync(key, entry, new Programme(key, []).AddedEntry(entry, Cli));

        var next = await AddAsync("Chesterfield locality team", "2027-03");

        Assert.Equal(1, next.ItemsMade);
        Assert.NotNull(Item(1, Visits, 2027, 1));
        Assert.Single((await _store.GetAsync(key))!.Entries);
    }

    [Theory]
    [InlineData("Chesterfield locality team", "2027-3", Visits, 1, "'2027-3' is not a month or a date")]
    [InlineData("Chesterfield locality team", "2026-10", Visits, 1, "October 2026 has passed")]
    [InlineData("Chesterfield locality team", "2026-11-19", Visits, 1, "Thu 19 Nov 2026 has passed")]
    [InlineData("Chesterfield locality team", "2026-12-14", Visits, 1, "Programmes start on Fri 1 Jan 2027, when version 2 of the framework takes effect: plan from then on.")]
    [InlineData("Chesterfield locality team", "2028-01", Visits, 1, "January 2028 is too far ahead")]
    [InlineData("Visit to the family on 07700 900123", "2027-03", Visits, 1, "What the visit or meeting is was not kept")]
    [InlineData("  ", "2027-03", Visits, 1, "Say what the visit or meeting is: a team")]
    [InlineData("Chesterfield locality team", "2027-03", null, 1, "The roles held on Mon 1 Mar 2027 have 2 programmes: say which, one of exec-director-front-line-visits, exec-director-performance-scrutiny.")]
    [InlineData("Chesterfield locality team", "2027-03", null, 4, "No role held on Mon 1 Mar 2027 has an annual programme of visits or meetings.")]
    [InlineData("Chesterfield locality team", "2027-03", Visits, 2, "The programme exec-director-front-line-visits is owed by a role not held on Mon 1 Mar 2027: the programmes then are service-director-front-line-visits, service-director-performance-scrutiny.")]
    [InlineData("Chesterfield locality team", "2027-03", "team-manager-reflective-case-review", 1, "'team-manager-reflective-case-review' is not a duty planned in programmes")]
    public async Task Add_Refused_SaysWhy_AndWritesNothing(string what, string when, string? duty, int person, string problem)
    {
        var refused = await AddAsync(what, when, duty, person);

        Assert.Contains(problem, refused.Problem, StringComparison.Ordinal);
        Assert.False(refused.Added);
        Assert.Empty(await _store.ListAsync(2027));
        Assert.Empty(await _store.ListAsync(2026));
        Assert.Empty(await _council.Tracking.GetOutstandingAsync(Department, DateOnly.MaxValue));
    }

    [Fact]
    public async Task Show_GivesEachProgrammeOfThePersonsRoles_WithItsEntriesAndTarget()
    {
        await AddAsync("Chesterfield locality team", "2027-03");
        await AddAsync("Oakwood House children's home", "2027-05-12");
        await AddAsync("Corporate Parenting Board", "2027-01-20", Meetings);

        var shown = await Programmes().ShowAsync(Council.Person(1), 2027, CancellationToken.None);

        Assert.Equal([(Visits, 2, 4, true), (Meetings, 1, 4, true)], shown.Select(v => (v.Duty.Id.Value, v.Planned, v.Target, v.IsShort)));
        Assert.All(shown.SelectMany(v => v.Entries), e => Assert.Equal(ItemStatus.Open, e.Item!.Status));
        Assert.Equal(["Chesterfield locality team", "Oakwood House children's home"], shown[0].Entries.Select(e => e.Entry.What));
        Assert.Empty(await Programmes().ShowAsync(Council.Person(4), 2027, CancellationToken.None));
    }

    [Fact]
    public async Task Flags_ThePersonFromJanuary_TheirManagerFromMarch_OnlyProgrammesShortOfTarget()
    {
        foreach (var (what, when) in new[] { ("Chesterfield locality team", "2027-02"), ("Bolsover locality team", "2027-04"), ("SEND Casework", "2027-07"), ("Oakwood House", "2027-10") })
        {
            await AddAsync(what, when);
        }

        var programmes = Programmes();
        var january = new DateOnly(2027, 1, 11);
        var march = new DateOnly(2027, 3, 1);

        var own = await programmes.OwnFlagsAsync(Council.Person(1), january, CancellationToken.None);
        Assert.Equal([(Meetings, 0, 4)], own.Select(s => (s.Duty.Id.Value, s.Planned, s.Target)));
        Assert.Empty(await programmes.OwnFlagsAsync(Council.Person(1), new DateOnly(2026, 12, 1), CancellationToken.None));
        Assert.Empty(await programmes.ReportsFlagsAsync([Council.Person(2), Council.Person(10)], new DateOnly(2027, 2, 26), CancellationToken.None));
        var reports = await programmes.ReportsFlagsAsync([Council.Person(2), Council.Person(10)], march, CancellationToken.None);
        Assert.Equal(4, reports.Count);
        Assert.All(reports, s => Assert.Equal((0, 4, 2027), (s.Planned, s.Target, s.Year)));
        Assert.Empty(await Programmes(flagMonth: 2).OwnFlagsAsync(Council.Person(1), january, CancellationToken.None));
    }

    [Fact]
    public void Target_ForSomeoneTakingUpTheRoleDuringTheYear_IsTheirShareOfIt_RoundedUp()
    {
        var visits = ShippedFramework.Catalogue.FindDuty(new DutyId(Visits))!;
        QaBot.Core.Organisation.Person StartingOn(DateOnly start) => Council.Person(1) with { Roles = [new QaBot.Core.Organisation.RoleAssignment(ExecutiveDirector, start)] };

        // Four a year: from January all four; from July two; from October one; from an earlier year all four.
        Assert.Equal(4, AnnualProgrammes.Target(visits, StartingOn(new DateOnly(2027, 1, 4)), 2027));
        Assert.Equal(2, AnnualProgrammes.Target(visits, StartingOn(new DateOnly(2027, 7, 1)), 2027));
        Assert.Equal(1, AnnualProgrammes.Target(visits, StartingOn(new DateOnly(2027, 10, 1)), 2027));
        Assert.Equal(4, AnnualProgrammes.Target(visits, StartingOn(new DateOnly(2026, 10, 1)), 2027));
    }

    [Fact]
    public async Task Digest_CarriesTheFlags_OwnInJanuary_ThoseOfTheDirectorsReportingToTheExecutiveDirectorInMarch()
    {
        await AddAsync("Chesterfield locality team", "2027-02");
        var loader = new QaBot.Application.Reminders.DigestLoader(_council.Directory, _council.Tracking, Council.Composer, Council.Policy, null, Programmes());

        var january = await loader.LoadAsync(Council.Person(1), new DateOnly(2027, 1, 11));
        var march = await loader.LoadAsync(Council.Person(1), new DateOnly(2027, 3, 1));

        Assert.Equal([(Id(1), Visits, 1), (Id(1), Meetings, 0)], january.ProgrammesShort.Select(s => (s.Person, s.Duty.Id.Value, s.Planned)));
        Assert.Equal(6, march.ProgrammesShort.Count);
        Assert.Equal([Id(1), Id(1), Id(10), Id(10), Id(2), Id(2)], march.ProgrammesShort.Select(s => s.Person));
        Assert.Equal("Person 10 has planned 0 of the 4 visits in their programme for 2027", ProgrammeText.Shortfall(march.ProgrammesShort[2], forManager: true));
        Assert.Equal("You have planned 1 of the 4 visits in your programme for 2027", ProgrammeText.Shortfall(march.ProgrammesShort[0], forManager: false));
        Assert.Equal("You have planned 0 of the 4 meetings in your programme for 2027", ProgrammeText.Shortfall(march.ProgrammesShort[1], forManager: false));
    }
}
