using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Configuration;
using QaBot.Application.Installation;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation.Import;
using QaBot.Application.Organisation.Sync;
using QaBot.Application.Sync;
using QaBot.Application.Tests.Meetings;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Sync;

[Trait("Category", "Fast")]
public sealed class GraphSyncRunTests
{
    private static readonly AuditOrigin Origin = new("timer", "graph-sync");
    private readonly InMemoryDirectoryStore _directory = InMemoryDirectoryStore.With(Areas, BoardMeetingSyncTests.Staff);
    private readonly InMemoryTrackingStore _tracking = new();
    private readonly InMemoryConversationReferenceStore _conversations = new();
    private readonly InMemoryAppInstallationStore _installs = new();
    private readonly BoardMeetingSyncTests.FakeCalendar _calendar = new();
    private readonly FakeTimeProvider _time = new(Council.Now);
    private readonly GraphSyncOptions _options = new() { TeamsAppCatalogId = "8c4b0b5e-3a8f-4a57-9d0f-2d1f0e6a1b77" };
    private readonly Installer _installer = new();
    private Func<IReadOnlyList<DirectoryUser>> _users = () => [];
    private bool _configured = true;

    public GraphSyncRunTests()
    {
        _options.OrganiserMailboxes.Add(BoardMeetingSyncTests.Organiser);
        _options.DirectorySync.AreaRules.Add(new AreaRuleOptions { Department = "Children's Services", AreaPath = "Early Help & Safeguarding" });
        var role = new RoleRuleOptions { JobTitle = ".*" };
        role.Roles.Add("all-staff");
        _options.DirectorySync.RoleRules.Add(role);
    }

    private GraphSyncRun Run()
    {
        var options = Options.Create(_options);
        var directory = new DirectorySync(
            new Source(() => _users()), _directory, new DirectoryImporter(_directory, _tracking, _time), ShippedFramework.Catalogue,
            ShippedFramework.Calendar, OrganisationPolicy.Default, options, _time, NullLogger<DirectorySync>.Instance);
        var meetings = new BoardMeetingSync(
            ShippedFramework.Catalogue, new Schedules(), ShippedFramework.Calendar, _directory, new InMemoryBoardMeetingStore(), _calendar,
            OrganisationPolicy.Default, options, _time, NullLogger<BoardMeetingSync>.Instance);
        var installs = new AppInstallRun(_directory, _conversations, _installs, _installer, options, _time, NullLogger<AppInstallRun>.Instance);
        return new GraphSyncRun(directory, meetings, installs, new Connection(_configured), options, NullLogger<GraphSyncRun>.Instance);
    }

    [Fact]
    public async Task RunAsync_GraphNotConfigured_DoesNothing()
    {
        _configured = false;
        _options.DirectorySync.Enabled = true;

        await Run().RunAsync(Origin);

        Assert.Empty(_calendar.Calls);
        Assert.Empty(_installer.Tried);
    }

    [Fact]
    public async Task RunAsync_EveryPartSucceeds_RunsMeetingsAndInstalls()
    {
        _options.DirectorySync.Enabled = true;
        _users = () => [new DirectoryUser(Id(40).Value, "user40@council.example", "User 40", "Officer", "Children's Services", true, null, null)];

        await Run().RunAsync(Origin);

        Assert.NotNull(await _directory.GetPersonAsync(Id(40)));
        Assert.Equal(7, _calendar.Events.Count);
        Assert.Equal(8, _installer.Tried.Count);
    }

    [Fact]
    public async Task RunAsync_PartsNotConfigured_AreSkipped()
    {
        _options.OrganiserMailboxes.Clear();
        _options.TeamsAppCatalogId = null;
        _users = () => throw new InvalidOperationException("must not be read");

        await Run().RunAsync(Origin);

        Assert.Empty(_calendar.Calls);
        Assert.Empty(_installer.Tried);
    }

    [Fact]
    public async Task RunAsync_EveryPartFails_RunsThemAllThenFailsNamingEach()
    {
        _options.DirectorySync.Enabled = true;
        _options.DirectorySync.RoleRules[0].Roles.Add("wizard");
        _calendar.Refuse = new CalendarRequestException("create", 403, null);
        _installer.Fail = true;

        var error = await Assert.ThrowsAsync<GraphSyncFailedException>(() => Run().RunAsync(Origin));

        Assert.Equal(
            [
                "directory sync: 1 problems, 0 conflicts",
                "meetings: 0 schedule problems, 7 refused changes, 0 conflicts",
                "installs: 7 people could not be installed for (qabot graph installs --failed)",
            ],
            error.Failures);
        Assert.Equal("Graph sync did not complete: " + string.Join("; ", error.Failures), error.Message);
    }

    [Fact]
    public async Task RunAsync_DirectorySyncRefusesAMassDeactivation_FailsWithTheRefusal()
    {
        _options.DirectorySync.Enabled = true;
        var users = Enumerable.Range(40, 7).Select(n => new DirectoryUser(Id(n).Value, $"user{n}@council.example", $"User {n}", "Officer", "Children's Services", true, null, null)).ToList();
        _users = () => users;
        await Run().RunAsync(Origin);
        _users = () => [];

        var error = await Assert.ThrowsAsync<GraphSyncFailedException>(() => Run().RunAsync(Origin));

        Assert.StartsWith("directory sync: 7 of the 7 people directory sync manages would be deactivated", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_APartThrows_NamesOnlyTheErrorTypeAndStillRunsTheRest()
    {
        _options.DirectorySync.Enabled = true;
        _users = () => throw new HttpRequestException("secret detail");

        var error = await Assert.ThrowsAsync<GraphSyncFailedException>(() => Run().RunAsync(Origin));

        Assert.Equal(["directory sync: HttpRequestException"], error.Failures);
        Assert.Equal(7, _calendar.Events.Count);
    }

    [Fact]
    public void GraphSyncFailedException_OtherConstructors_KeepAFailureList()
    {
        Assert.Empty(new GraphSyncFailedException().Failures);
        Assert.Equal(["one"], new GraphSyncFailedException("one").Failures);
        var inner = new InvalidOperationException();
        var wrapped = new GraphSyncFailedException("two", inner);
        Assert.Equal(["two"], wrapped.Failures);
        Assert.Same(inner, wrapped.InnerException);
    }

    [Fact]
    public void CalendarRequestException_OtherConstructors_HaveNoOperation()
    {
        Assert.Equal(string.Empty, new CalendarRequestException().Operation);
        Assert.Equal(("x", string.Empty), (new CalendarRequestException("x").Message, new CalendarRequestException("x").Operation));
        var inner = new InvalidOperationException();
        Assert.Same(inner, new CalendarRequestException("y", inner).InnerException);
        var refused = new CalendarRequestException("update", 404, null);
        Assert.Equal(("update failed: HTTP 404.", 404, (string?)null), (refused.Message, refused.Status, refused.Code));
    }

    private sealed class Connection(bool configured) : IGraphConnection
    {
        public bool IsConfigured => configured;
    }

    private sealed class Source(Func<IReadOnlyList<DirectoryUser>> users) : IDirectorySource
    {
        public Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken = default) => Task.FromResult(users());
    }

    private sealed class Schedules : IMeetingScheduleSource
    {
        public MeetingScheduleLoadResult Load(string? file = null) => MeetingScheduleLoader.Load(BoardMeetingSyncTests.MeetingsYaml, "meetings.yaml", ShippedFramework.Catalogue);
    }

    private sealed class Installer : ITeamsAppInstaller
    {
        private readonly object _gate = new();

        public bool Fail { get; set; }

        public List<PersonId> Tried { get; } = [];

        public Task<AppInstallAttempt> InstallAsync(PersonId person, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Tried.Add(person);
            }

            return Task.FromResult(Fail ? AppInstallAttempt.Failed(403, "Forbidden") : new AppInstallAttempt(AppInstallStatus.Installed, null, 201, null));
        }
    }
}
