using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Tracking;
using QaBot.Core.Framework;
using QaBot.Core.Tracking;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class LogActivityTests
{
    private readonly Council _council = new();

    private LogActivity UseCase() => new(_council.Tracking, Council.Catalogue, Council.Rules.Calendar, NullLogger<LogActivity>.Instance);

    private Task<LogOutcome> LogAsync(string? duty, DateOnly? date = null, string card = "card-1", int by = 4, string? note = "visited the team") =>
        UseCase().ExecuteAsync(new LogRequest(Council.Person(by), duty, date, note, card, Council.Now, Council.Teams), CancellationToken.None);

    [Fact]
    public void LoggableDuties_TeamManager_AreTheirDutiesWithNoSetRhythm()
    {
        var duties = UseCase().LoggableDuties(Council.Person(4), Council.Today).Select(d => d.Id.Value);

        Assert.Equal(["team-manager-monitor-data", "team-manager-practice-observations", "all-staff-apply-policies", "all-staff-seek-learning"], duties);
        Assert.Throws<ArgumentNullException>(() => UseCase().LoggableDuties(null!, Council.Today));
    }

    [Fact]
    public async Task LoggableDuty_NoDate_IsRecordedDoneTodayWithItsAudit()
    {
        var outcome = await LogAsync("team-manager-practice-observations");

        Assert.Equal(LogOutcomeKind.Logged, outcome.Kind);
        var item = outcome.Item!;
        Assert.Equal((ItemStatus.Done, Council.Today, Id(4), ChesterfieldTeam1, 2), (item.Status, item.CompletedOn, item.Owner, item.Area, item.Version));
        Assert.Equal(LogActivity.LoggedItemId("card-1", new DutyId("team-manager-practice-observations"), Council.Today, "visited the team", Id(4)), item.Id);
        Assert.True(item.SameAs((await _council.Tracking.GetAsync(item.Key))!));
        Assert.Equal(["created", "done"], (await _council.Tracking.GetAuditTrailAsync(item.Key)).Select(a => a.Action));
        Assert.Equal(("visited the team", ReplyKind.Done), (outcome.Reply!.Note, outcome.Reply.Kind));
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(4)));
    }

    [Fact]
    public async Task SamePressTwice_IsLoggedOnce()
    {
        var first = await LogAsync("team-manager-practice-observations", Council.Today.AddDays(-3));

        var again = await LogAsync("team-manager-practice-observations", Council.Today.AddDays(-3));

        Assert.Equal((LogOutcomeKind.Logged, LogOutcomeKind.AlreadyLogged), (first.Kind, again.Kind));
        Assert.Equal(first.Item!.Id, again.Item!.Id);
        Assert.Single(await _council.Tracking.GetRepliesAsync(first.Item.Key));
    }

    [Fact]
    public async Task SameActivityFromAFreshCard_IsASecondRecord()
    {
        var first = await LogAsync("team-manager-practice-observations", card: "card-1");
        var second = await LogAsync("team-manager-practice-observations", card: "card-2");

        Assert.Equal(LogOutcomeKind.Logged, second.Kind);
        Assert.NotEqual(first.Item!.Id, second.Item!.Id);
    }

    [Fact]
    public async Task NoActivityChosen_IsInvalid()
    {
        var outcome = await LogAsync(null);

        Assert.Equal((LogOutcomeKind.Invalid, "Choose the activity you did."), (outcome.Kind, outcome.Problem));
        Assert.Equal(0, _council.Tracking.WriteAttempts);
    }

    [Theory]
    [InlineData("team-manager-supervision")]
    [InlineData("heads-of-service-monitor-data")]
    [InlineData("no-such-duty")]
    public async Task DutyWithARhythmOrNotTheirs_IsNotLoggable(string duty)
    {
        var outcome = await LogAsync(duty);

        Assert.Equal(LogOutcomeKind.NotLoggable, outcome.Kind);
        Assert.Null(outcome.Item);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-366)]
    public async Task DateInTheFutureOrOverAYearAgo_IsInvalidAndSaysWhichDatesWill(int days)
    {
        var outcome = await LogAsync("team-manager-practice-observations", Council.Today.AddDays(days));

        Assert.Equal((LogOutcomeKind.Invalid, "Choose a date from Thu 20 Nov 2025 to today."), (outcome.Kind, outcome.Problem));
    }

    [Fact]
    public async Task DateExactlyAYearAgo_IsLogged() =>
        Assert.Equal(LogOutcomeKind.Logged, (await LogAsync("team-manager-practice-observations", Council.Today.AddYears(-1))).Kind);

    [Fact]
    public void LoggedItemId_DifferentNote_IsADifferentId()
    {
        var duty = new DutyId("team-manager-practice-observations");

        Assert.NotEqual(LogActivity.LoggedItemId("c", duty, Council.Today, "a", Id(4)), LogActivity.LoggedItemId("c", duty, Council.Today, null, Id(4)));
        Assert.Equal(LogActivity.LoggedItemId("c", duty, Council.Today, null, Id(4)), LogActivity.LoggedItemId("c", duty, Council.Today, null, Id(4)));
    }

    [Fact]
    public void Constructor_MissingDependency_NamesIt()
    {
        var l = NullLogger<LogActivity>.Instance;
        var calendar = Council.Rules.Calendar;
        Assert.Equal("tracking", Assert.Throws<ArgumentNullException>(() => new LogActivity(null!, Council.Catalogue, calendar, l)).ParamName);
        Assert.Equal("catalogue", Assert.Throws<ArgumentNullException>(() => new LogActivity(_council.Tracking, null!, calendar, l)).ParamName);
        Assert.Equal("calendar", Assert.Throws<ArgumentNullException>(() => new LogActivity(_council.Tracking, Council.Catalogue, null!, l)).ParamName);
        Assert.Equal("logger", Assert.Throws<ArgumentNullException>(() => new LogActivity(_council.Tracking, Council.Catalogue, calendar, null!)).ParamName);
    }
}
