using System.Net;
using System.Text.Json.Nodes;
using QaBot.Application.Meetings;
using QaBot.Core.Meetings;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Http;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Graph;

/// <summary>The meetings sync through the real Microsoft Graph SDK, against a fake Graph that records every request.</summary>
[Trait("Category", "Storage")]
public sealed class BoardMeetingGraphSyncTests
{
    private const string EventsUrl = "https://graph.microsoft.com/v1.0/users/qa.boards%40council.example/events";

    private static JsonNode Body(RecordedRequest request) => JsonNode.Parse(request.Body)!;

    private static RecordedRequest CreateOf(IEnumerable<RecordedRequest> requests, string subject) =>
        Assert.Single(requests, r => r.Method == HttpMethod.Post && r.Uri.AbsoluteUri == EventsUrl && (string?)Body(r)["subject"] == subject
            && Body(r)["recurrence"] is not null);

    private static bool IsBoard(RecordedRequest request) =>
        request.Body.Length > 0 && (string?)Body(request)["subject"] == "QA & Transformation Board";

    [Fact]
    public async Task SyncAsync_FirstRun_CreatesTheBoardAsATeamsSeriesWithItsAttendeesAndATransactionId()
    {
        await using var council = await GraphTestCouncil.CreateAsync();

        var result = await council.Sync.SyncAsync();

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Failures.Concat(result.Plan.Problems.Select(p => p.ToString()))));
        Assert.Equal(7, result.Created);
        var post = CreateOf(council.Fake.Sent, "QA & Transformation Board");
        Assert.Equal("Bearer " + FixedTokenCredential.Token, post.Headers.Authorization?.ToString());
        var body = Body(post);
        Assert.True((bool)body["isOnlineMeeting"]!);
        Assert.Equal("teamsForBusiness", (string?)body["onlineMeetingProvider"]);
        Assert.Equal("2027-01-05T10:00:00", (string?)body["start"]!["dateTime"]);
        Assert.Equal("GMT Standard Time", (string?)body["start"]!["timeZone"]);
        Assert.Equal("2027-01-05T12:00:00", (string?)body["end"]!["dateTime"]);
        var pattern = body["recurrence"]!["pattern"]!;
        Assert.Equal("relativeMonthly", (string?)pattern["type"]);
        Assert.Equal(2, (int)pattern["interval"]!);
        Assert.Equal(["tuesday"], pattern["daysOfWeek"]!.AsArray().Select(d => (string?)d));
        Assert.Equal("first", (string?)pattern["index"]);
        var range = body["recurrence"]!["range"]!;
        Assert.Equal("noEnd", (string?)range["type"]);
        Assert.Equal("2027-01-05", (string?)range["startDate"]);
        Assert.Equal("GMT Standard Time", (string?)range["recurrenceTimeZone"]);
        Assert.Equal(
            ["person1@council.example", "person2@council.example", "person3@council.example", "person4@council.example", "person5@council.example"],
            body["attendees"]!.AsArray().Select(a => (string?)a!["emailAddress"]!["address"]));
        Assert.All(body["attendees"]!.AsArray(), a => Assert.Equal("required", (string?)a!["type"]));
        var stored = Assert.Single(await council.Storage.Meetings.GetForBodyAsync(new Core.Framework.BodyId("qa-transformation-board")));
        Assert.Equal((string?)body["transactionId"], stored.Value.TransactionId);
        Assert.True(Guid.TryParse((string?)body["transactionId"], out _));
        Assert.Equal(BoardMeetingState.Created, stored.Value.State);
        Assert.StartsWith("event-", stored.Value.GraphEventId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_HalfTermlyMeeting_IsSingleEventsOnePerHalfTermMarkedProvisional()
    {
        await using var council = await GraphTestCouncil.CreateAsync();

        await council.Sync.SyncAsync();

        var cme = council.Fake.Sent.Where(r => r.Method == HttpMethod.Post && (string?)Body(r)["subject"] == "Children Missing Education (CME) Monitoring Line of Sight").ToList();
        Assert.Equal(
            ["2027-01-20T14:00:00", "2027-03-10T14:00:00", "2027-04-28T14:00:00", "2027-06-23T14:00:00", "2027-09-22T14:00:00", "2027-11-17T14:00:00"],
            cme.Select(r => (string?)Body(r)["start"]!["dateTime"]).Order(StringComparer.Ordinal));
        Assert.All(cme, r => Assert.Null(Body(r)["recurrence"]));
        Assert.All(cme, r => Assert.Contains("Provisional date", (string?)Body(r)["body"]!["content"], StringComparison.Ordinal));
        Assert.All(cme, r => Assert.Equal(
            ["person3@council.example", "person2@council.example"],
            Body(r)["attendees"]!.AsArray().Select(a => (string?)a!["emailAddress"]!["address"])));
        Assert.Equal(6, cme.Select(r => (string?)Body(r)["transactionId"]).Distinct().Count());
    }

    [Fact]
    public async Task SyncAsync_SecondRunWithNoChanges_SendsNothingButReads()
    {
        await using var council = await GraphTestCouncil.CreateAsync();
        await council.Sync.SyncAsync();
        council.Fake.Clear();

        var second = await council.Sync.SyncAsync();

        Assert.True(second.Succeeded);
        Assert.Equal(7, second.Unchanged);
        Assert.Equal(7, council.Fake.Sent.Count);
        Assert.All(council.Fake.Sent, r => Assert.Equal(HttpMethod.Get, r.Method));
        Assert.All(council.Fake.Sent, r => Assert.StartsWith(EventsUrl + "/event-", r.Uri.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_SomeoneTakesUpAHeadOfServiceRole_PatchesOnlyTheBoardsAttendees()
    {
        await using var council = await GraphTestCouncil.CreateAsync();
        await council.Sync.SyncAsync();
        var stored = (await council.Storage.Directory.GetSnapshotAsync()).People.Single(p => p.Value.Id == Id(6));
        var promoted = stored.Value with { Roles = [.. stored.Value.Roles, new RoleAssignment(GraphTestCouncil.Head, new DateOnly(2026, 11, 20))] };
        var audit = new AuditEntry(council.Time.GetUtcNow(), Actor.System("test"), "updated", "person:" + Id(6), "roles", new AuditOrigin("test"));
        Assert.True((await council.Storage.Directory.SavePersonAsync(promoted, stored.Version, audit)).Saved);
        council.Fake.Clear();

        var result = await council.Sync.SyncAsync();

        Assert.Equal(1, result.Updated);
        var patch = Assert.Single(council.Fake.Sent, r => r.Method == HttpMethod.Patch);
        var boardEvent = (await council.Storage.Meetings.GetForBodyAsync(new Core.Framework.BodyId("qa-transformation-board"))).Single().Value;
        Assert.Equal($"{EventsUrl}/{boardEvent.GraphEventId}", patch.Uri.AbsoluteUri);
        var body = Body(patch).AsObject();
        Assert.Equal(["attendees"], body.Select(p => p.Key).Where(k => !k.StartsWith('@')));
        Assert.Contains("person6@council.example", body["attendees"]!.AsArray().Select(a => (string?)a!["emailAddress"]!["address"]));
        Assert.Equal(6, body["attendees"]!.AsArray().Count);
        Assert.Contains("person6@council.example", boardEvent.Attendees);
        Assert.DoesNotContain(council.Fake.Sent, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task SyncAsync_Throttled_WaitsTheRetryAfterThenSucceedsWithTheSameTransactionId()
    {
        var fake = new GraphFake();
        fake.Answer(
            r => r.Method == HttpMethod.Post && IsBoard(r),
            _ =>
            {
                var response = GraphFake.Error(HttpStatusCode.TooManyRequests, "ApplicationThrottled");
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return response;
            },
            times: 1);
        await using var council = await GraphTestCouncil.CreateAsync(fake);

        var result = await council.Sync.SyncAsync();

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Failures));
        var posts = fake.Sent.Where(r => r.Method == HttpMethod.Post && IsBoard(r)).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal((string?)Body(posts[0])["transactionId"], (string?)Body(posts[1])["transactionId"]);
        Assert.Contains(TimeSpan.FromSeconds(7), council.Time.Delays);
        Assert.Single(await council.Storage.Meetings.GetForBodyAsync(new Core.Framework.BodyId("qa-transformation-board")), r => r.Value.State == BoardMeetingState.Created);
    }

    [Fact]
    public async Task SyncAsync_ThrottledBeyondTheRetries_RecordsTheFailureAndKeepsTheIntent()
    {
        var fake = new GraphFake();
        fake.Answer(
            r => r.Method == HttpMethod.Post && IsBoard(r),
            _ =>
            {
                var response = GraphFake.Error(HttpStatusCode.TooManyRequests, "ApplicationThrottled");
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
                return response;
            });
        await using var council = await GraphTestCouncil.CreateAsync(fake);

        var result = await council.Sync.SyncAsync();

        Assert.False(result.Succeeded);
        var failure = Assert.Single(result.Failures);
        Assert.Contains("qa-transformation-board series: create event failed: HTTP 429 ApplicationThrottled", failure, StringComparison.Ordinal);
        Assert.Equal(4, fake.Sent.Count(r => r.Method == HttpMethod.Post && IsBoard(r)));
        var intent = Assert.Single(await council.Storage.Meetings.GetForBodyAsync(new Core.Framework.BodyId("qa-transformation-board")));
        Assert.Equal(BoardMeetingState.Planned, intent.Value.State);

        var plan = await council.Sync.PlanAsync();
        Assert.Equal(intent.Value.TransactionId, plan.Meetings.Single(m => m.ScheduleId.Value == "qa-transformation-board").TransactionId);
    }

    [Fact]
    public async Task SyncAsync_ManyEvents_NeverMoreThanFourRequestsInFlight()
    {
        var fake = new GraphFake(latency: TimeSpan.FromMilliseconds(200));
        await using var council = await GraphTestCouncil.CreateAsync(fake, meetings: GraphTestCouncil.MeetingsYaml.Replace("    from: 2026-09-01", "    from: 2026-09-01\n    until: 2028-07-31", StringComparison.Ordinal));
        council.Options.MeetingHorizon = TimeSpan.FromDays(600);
        council.Options.MaxConcurrentRequests = 4;

        var result = await council.Sync.SyncAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(11, result.Created);

        // Never more than four; and more than one, so the requests did overlap. Exactly four is usual, but on a busy
        // machine the storage writes between requests can keep the fourth from starting while three are in flight.
        Assert.InRange(fake.MaxInFlight, 2, 4);
    }

    [Fact]
    public async Task SyncAsync_EventDeletedByHand_IsCreatedAgainUnderANewTransactionId()
    {
        await using var council = await GraphTestCouncil.CreateAsync();
        await council.Sync.SyncAsync();
        var before = (await council.Storage.Meetings.GetForBodyAsync(new Core.Framework.BodyId("qa-transformation-board"))).Single().Value;
        council.Fake.Delete(before.GraphEventId!);
        council.Fake.Clear();

        var result = await council.Sync.SyncAsync();

        Assert.Equal(1, result.Recreated);
        var post = Assert.Single(council.Fake.Sent, r => r.Method == HttpMethod.Post);
        Assert.NotEqual(before.TransactionId, (string?)Body(post)["transactionId"]);
        var after = (await council.Storage.Meetings.GetForBodyAsync(new Core.Framework.BodyId("qa-transformation-board"))).Single().Value;
        Assert.NotEqual(before.GraphEventId, after.GraphEventId);
    }

    [Fact]
    public async Task SyncAsync_BodyRemovedFromTheFile_CancelsItsFutureMeetingsWithAComment()
    {
        await using var first = await GraphTestCouncil.CreateAsync();
        await first.Sync.SyncAsync();
        var cme = (await first.Storage.Meetings.ListAsync()).Where(r => r.Value.Body.Value == "cme-line-of-sight").ToList();
        await File.WriteAllTextAsync(first.Options.MeetingsFile, GraphTestCouncil.MeetingsYaml[..GraphTestCouncil.MeetingsYaml.IndexOf("  - body: cme-line-of-sight", StringComparison.Ordinal)]);
        first.Fake.Answer(
            r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath.Contains("/events/", StringComparison.Ordinal) && r.Uri.Query.Contains("type", StringComparison.Ordinal),
            _ => GraphFake.Json(HttpStatusCode.OK, """{"id":"x","type":"singleInstance","isCancelled":false,"start":{"dateTime":"2027-01-20T14:00:00.0000000","timeZone":"UTC"}}"""));
        first.Fake.Clear();

        var result = await first.Sync.SyncAsync();

        Assert.Equal(6, result.Cancelled);
        var cancels = first.Fake.Sent.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(6, cancels.Count);
        Assert.All(cancels, r => Assert.EndsWith("/cancel", r.Uri.AbsolutePath, StringComparison.Ordinal));
        Assert.All(cancels, r => Assert.Equal(BoardMeetingSync.CancelComment, (string?)Body(r)["Comment"]));
        Assert.Equal(cme.Select(c => c.Value.GraphEventId).Order(StringComparer.Ordinal), cancels.Select(r => r.Uri.Segments[^2].TrimEnd('/')).Order(StringComparer.Ordinal));
        Assert.All(await first.Storage.Meetings.ListAsync(), r => Assert.Equal(r.Value.Body.Value == "cme-line-of-sight" ? BoardMeetingState.Cancelled : BoardMeetingState.Created, r.Value.State));
    }

    [Fact]
    public async Task CancelFromAsync_SeriesAlreadyBegun_EndsItYesterdayKeepingThePast()
    {
        var fake = new GraphFake();
        fake.Answer(
            r => r.Method == HttpMethod.Get,
            _ => GraphFake.Json(HttpStatusCode.OK, """
                {"id":"series-1","type":"seriesMaster","isCancelled":false,
                 "recurrence":{"pattern":{"type":"relativeMonthly","interval":2,"daysOfWeek":["tuesday"],"index":"first"},
                               "range":{"type":"noEnd","startDate":"2027-01-05","recurrenceTimeZone":"GMT Standard Time"}}}
                """));
        await using var council = await GraphTestCouncil.CreateAsync(fake, seedPeople: false);

        var outcome = await council.Gateway.CancelFromAsync(GraphTestCouncil.Organiser, "series-1", new DateOnly(2027, 6, 1), "comment");

        Assert.Equal(CancelOutcome.Ended, outcome);
        var patch = Assert.Single(fake.Sent, r => r.Method == HttpMethod.Patch);
        Assert.Equal(EventsUrl + "/series-1", patch.Uri.AbsoluteUri);
        var range = Body(patch)["recurrence"]!["range"]!;
        Assert.Equal("endDate", (string?)range["type"]);
        Assert.Equal("2027-01-05", (string?)range["startDate"]);
        Assert.Equal("2027-05-31", (string?)range["endDate"]);
        Assert.Equal("relativeMonthly", (string?)Body(patch)["recurrence"]!["pattern"]!["type"]);
        Assert.DoesNotContain(fake.Sent, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task MoveMeetingAsync_ASeriesMeeting_FindsThatDaysMeetingAndMovesItAlone()
    {
        var fake = new GraphFake();
        fake.Answer(
            r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath.EndsWith("/series-1", StringComparison.Ordinal),
            _ => GraphFake.Json(HttpStatusCode.OK, """{"id":"series-1","type":"seriesMaster","isCancelled":false}"""));
        fake.Answer(
            r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath.EndsWith("/series-1/instances", StringComparison.Ordinal),
            _ => GraphFake.Json(HttpStatusCode.OK, """
                {"value":[{"id":"series-1-2027-01-05","isCancelled":false,"originalStart":"2027-01-05T10:00:00Z"},
                          {"id":"series-1-2027-03-02","isCancelled":false,"originalStart":"2027-03-02T10:00:00Z"},
                          {"id":"series-1-2027-05-04","isCancelled":false,"originalStart":"2027-05-04T09:00:00Z"}]}
                """));
        await using var council = await GraphTestCouncil.CreateAsync(fake, seedPeople: false);

        var moved = await council.Gateway.MoveMeetingAsync(GraphTestCouncil.Organiser, "series-1", new DateOnly(2027, 3, 2), new DateTime(2027, 3, 9, 10, 0, 0), TimeSpan.FromHours(2), "Europe/London");

        Assert.True(moved);
        var instances = Assert.Single(fake.Sent, r => r.Uri.AbsolutePath.EndsWith("/instances", StringComparison.Ordinal));
        // Sixty-two days either side of the day, in UK time as UTC instants (30 December, and 4 May in BST):
        // the meeting planned for 2 March is found by the start it was planned for, wherever it has been moved since.
        Assert.Contains("startDateTime=2026-12-30T00%3A00%3A00Z", instances.Uri.Query, StringComparison.Ordinal);
        Assert.Contains("endDateTime=2027-05-03T23%3A00%3A00Z", instances.Uri.Query, StringComparison.Ordinal);
        var patch = Assert.Single(fake.Sent, r => r.Method == HttpMethod.Patch);
        Assert.Equal(EventsUrl + "/series-1-2027-03-02", patch.Uri.AbsoluteUri);
        Assert.Equal("2027-03-09T10:00:00", (string?)Body(patch)["start"]!["dateTime"]);
        Assert.Equal("2027-03-09T12:00:00", (string?)Body(patch)["end"]!["dateTime"]);
        Assert.Equal("GMT Standard Time", (string?)Body(patch)["start"]!["timeZone"]);
    }

    [Fact]
    public async Task MoveMeetingAsync_ASingleMeeting_MovesTheEvent_AndOneDeletedByHandIsNotMoved()
    {
        var fake = new GraphFake();
        fake.Delete("gone-1");
        await using var council = await GraphTestCouncil.CreateAsync(fake, seedPeople: false);

        var moved = await council.Gateway.MoveMeetingAsync(GraphTestCouncil.Organiser, "single-1", new DateOnly(2027, 1, 20), new DateTime(2027, 1, 27, 14, 0, 0), TimeSpan.FromMinutes(90), "Europe/London");
        var gone = await council.Gateway.MoveMeetingAsync(GraphTestCouncil.Organiser, "gone-1", new DateOnly(2027, 1, 20), new DateTime(2027, 1, 27, 14, 0, 0), TimeSpan.FromMinutes(90), "Europe/London");

        Assert.Equal((true, false), (moved, gone));
        var patch = Assert.Single(fake.Sent, r => r.Method == HttpMethod.Patch);
        Assert.Equal(EventsUrl + "/single-1", patch.Uri.AbsoluteUri);
        Assert.Equal("2027-01-27T15:30:00", (string?)Body(patch)["end"]!["dateTime"]);
        Assert.DoesNotContain(fake.Sent, r => r.Uri.AbsolutePath.EndsWith("/instances", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_MailboxOutsideTheAppsScope_RecordsTheRefusalPerEvent()
    {
        var fake = new GraphFake();
        fake.Answer(r => r.Method == HttpMethod.Post, _ => GraphFake.Error(HttpStatusCode.Forbidden, "ErrorAccessDenied"));
        await using var council = await GraphTestCouncil.CreateAsync(fake);

        var result = await council.Sync.SyncAsync();

        Assert.Equal(7, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Contains("HTTP 403 ErrorAccessDenied", f, StringComparison.Ordinal));
        Assert.Equal(7, fake.Sent.Count);
    }
}
