using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Configuration;
using QaBot.Application.Meetings;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Graph;
using QaBot.Infrastructure.Tests.Storage;
using QaBot.Testing.Data;
using QaBot.Testing.Scheduling;
using QaBot.Testing.Time;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Graph;

/// <summary>
/// A small council in the test Azurite (an Executive Director, two directors, two heads of service, a team manager and
/// a social worker, with the catalogue's role ids), a meetings file for it, and the real Graph SDK over a
/// <see cref="GraphFake"/>, on a clock whose waits finish at once.
/// </summary>
internal sealed class GraphTestCouncil : IAsyncDisposable
{
    public const string Organiser = "qa.boards@council.example";

    public const string MeetingsYaml = """
        version: 1
        meetings:
          - body: qa-transformation-board
            on: first tuesday
            from: 2027-01-01
            time: "10:00"
            durationMinutes: 120
            attendees:
              - role: service-director
              - role: assistant-director-head-of-service
          - body: cme-line-of-sight
            on: third wednesday
            from: 2026-09-01
            time: "14:00"
            durationMinutes: 90
            attendees:
              - role: director-early-help-safeguarding
        """;

    public static readonly RoleId Executive = new("executive-director");
    public static readonly RoleId Director = new("service-director");
    public static readonly RoleId DirectorEarlyHelp = new("director-early-help-safeguarding");
    public static readonly RoleId DirectorSchools = new("director-schools-learning");
    public static readonly RoleId Head = new("assistant-director-head-of-service");
    public static readonly RoleId HeadEarlyHelp = new("head-of-service-early-help-safeguarding");
    public static readonly RoleId Manager = new("team-manager");
    public static readonly RoleId Staff = new("all-staff");

    private static readonly AuditEntry Audit = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), Actor.System("test"), "added", "person:test", "test", new AuditOrigin("test"));

    private readonly string _meetingsFile;

    private GraphTestCouncil(StorageContext storage, GraphFake fake, string meetingsFile, GraphSyncOptions options)
    {
        Storage = storage;
        Fake = fake;
        _meetingsFile = meetingsFile;
        Options = options;
        Client = GraphClientBuilder.Create(new GraphOptions(), options, new FixedTokenCredential(), Time, NullLogger.Instance, fake.Handler);
        Gateway = new GraphCalendarGateway(() => Client, Calendar);
        Sync = new BoardMeetingSync(
            Catalogue, new MeetingsFileAt(meetingsFile), Calendar, storage.Directory, storage.Meetings, Gateway, OrganisationPolicy.Default,
            Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<BoardMeetingSync>.Instance);
    }

    public static FrameworkCatalogue Catalogue { get; } =
        ShippedData.LoadCatalogue().Catalogue!;

    public static CouncilCalendar Calendar => SampleFramework.Calendar;

    public StorageContext Storage { get; }

    public GraphFake Fake { get; }

    public GraphSyncOptions Options { get; }

    public InstantDelayTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));

    public Microsoft.Graph.GraphServiceClient Client { get; }

    public GraphCalendarGateway Gateway { get; }

    public BoardMeetingSync Sync { get; }

    public static IReadOnlyList<Person> People { get; } =
    [
        NewPerson(1, Department, null, Executive),
        NewPerson(2, EarlyHelp, Id(1), Director, DirectorEarlyHelp),
        NewPerson(3, Schools, Id(1), Director, DirectorSchools),
        NewPerson(4, SocialCare, Id(2), Head, HeadEarlyHelp),
        NewPerson(5, Send, Id(3), Head),
        NewPerson(6, ChesterfieldTeam1, Id(4), Manager, Staff),
        NewPerson(7, ChesterfieldTeam1, Id(6), Staff),
    ];

    public static async Task<GraphTestCouncil> CreateAsync(GraphFake? fake = null, bool seedPeople = true, string meetings = MeetingsYaml)
    {
        var storage = new StorageContext();
        await storage.InitializeAsync();
        foreach (var area in Areas)
        {
            Assert.True((await storage.Directory.SaveAreaAsync(area, null, Audit with { Subject = "area:" + area.Id })).Saved);
        }

        if (seedPeople)
        {
            foreach (var person in People)
            {
                Assert.True((await storage.Directory.SavePersonAsync(person, null, Audit with { Subject = "person:" + person.Id })).Saved);
            }
        }

        var file = Path.Combine(Path.GetTempPath(), $"qabot-meetings-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, meetings);
        var options = new GraphSyncOptions { MeetingsFile = file, TeamsAppCatalogId = "8c4b0b5e-3a8f-4a57-9d0f-2d1f0e6a1b77" };
        options.OrganiserMailboxes.Add(Organiser);
        return new GraphTestCouncil(storage, fake ?? new GraphFake(), file, options);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        File.Delete(_meetingsFile);
        await Storage.DisposeAsync();
    }

    /// <summary>The meetings file the test writes, read afresh on every load as the product reads its configured file.</summary>
    private sealed class MeetingsFileAt(string path) : IMeetingScheduleSource
    {
        public MeetingScheduleLoadResult Load(string? file = null) =>
            MeetingScheduleLoader.Load(File.ReadAllText(file ?? path), Path.GetFileName(file ?? path), Catalogue);
    }
}
