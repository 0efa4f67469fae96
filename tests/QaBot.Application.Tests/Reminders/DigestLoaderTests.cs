using QaBot.Application.Reminders;
using QaBot.Core.Reminders;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Reminders;

[Trait("Category", "Fast")]
public sealed class DigestLoaderTests
{
    private static readonly DateOnly LongOverdue = new(2026, 10, 1);
    private readonly Council _council = new();

    private DigestLoader Loader() => new(_council.Directory, _council.Tracking, Council.Composer, Council.Policy);

    [Fact]
    public void Constructor_MissingPort_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DigestLoader(null!, _council.Tracking, Council.Composer, Council.Policy));
        Assert.Throws<ArgumentNullException>(() => new DigestLoader(_council.Directory, null!, Council.Composer, Council.Policy));
        Assert.Throws<ArgumentNullException>(() => new DigestLoader(_council.Directory, _council.Tracking, null!, Council.Policy));
        Assert.Throws<ArgumentNullException>(() => new DigestLoader(_council.Directory, _council.Tracking, Council.Composer, null!));
    }

    [Fact]
    public async Task LoadAsync_UnknownOrLeftPerson_IsNull()
    {
        _council.Save(Council.Person(8) with { Active = false, LeftOn = Council.Today });

        Assert.Null(await Loader().LoadAsync(Id(77), Council.Today));
        Assert.Null(await Loader().LoadAsync(Id(8), Council.Today));
    }

    [Fact]
    public async Task LoadAsync_PersonWithNoReportsWhoLeadsNothing_GetsTheirOwnItemsOnly()
    {
        _council.Add("occ-6", 6, Council.Today);
        _council.Add("occ-7", 7, LongOverdue);

        var digest = await Loader().LoadAsync(Id(6), Council.Today, "run-1");

        Assert.NotNull(digest);
        Assert.Equal((Id(6), "Person 6", "run-1"), (digest.Recipient, digest.RecipientName, digest.RunId));
        Assert.Equal("occ-6", Assert.Single(digest.OwnItems).Item.Id.Value);
        Assert.Empty(digest.Escalated);
    }

    [Fact]
    public async Task LoadAsync_LineManagerWhoseReportSetADutyAsideTwice_SeesItFlaggedAndNotTheirPeersUse()
    {
        await SetAsideAsync(6, "s-1", new DateOnly(2026, 7, 31), "leave");
        await SetAsideAsync(6, "s-2", new DateOnly(2026, 10, 30), null);
        await SetAsideAsync(6, "s-old", new DateOnly(2026, 4, 30), "leave");
        await SetAsideAsync(8, "s-8", new DateOnly(2026, 9, 30), "vacant");
        var review = new Application.Tracking.SetAsideReview(_council.Tracking, new Application.Compliance.ReportOptions());
        var loader = new DigestLoader(_council.Directory, _council.Tracking, Council.Composer, Council.Policy, review);

        var digest = await loader.LoadAsync(Id(4), Council.Today);
        var worker = await loader.LoadAsync(Id(6), Council.Today);

        var use = Assert.Single(digest!.SetAside);
        Assert.Equal((Id(6), "Person 6", 2, true), (use.Owner, use.OwnerName, use.Times, use.Repeated));
        Assert.Equal([("leave", 1), ("other", 1)], use.Reasons);
        Assert.Equal(new DateOnly(2026, 5, 20), digest.SetAsideFrom);
        Assert.Empty(worker!.SetAside);
    }

    private async Task SetAsideAsync(int owner, string id, DateOnly due, string? reason)
    {
        var item = _council.Add(id, owner, due);
        await _council.Tracking.UpdateAsync(item.Key, i => Core.Tracking.ItemTransitions.Reply(
            i, Testing.Organisation.TestItems.Reply(i, Core.Tracking.ReplyKind.NotApplicable, null, "reply-" + id) with { ReasonCode = reason }));
    }

    [Fact]
    public async Task LoadAsync_LineManager_GetsTheirReportsLongOverdueItemsWithTheOwnersName()
    {
        _council.Add("occ-6", 6, LongOverdue);
        _council.Add("occ-8", 8, LongOverdue);

        var digest = await Loader().LoadAsync(Id(4), Council.Today);

        var escalated = Assert.Single(digest!.Escalated);
        Assert.Equal(("occ-6", "Person 6"), (escalated.Item.Id.Value, escalated.OwnerName));
        Assert.Empty(digest.OwnItems);
    }

    [Fact]
    public async Task LoadAsync_LeaderTwoStepsUp_GetsItemsEscalatedToTheNextLevel()
    {
        _council.Add("occ-6", 6, LongOverdue);
        _council.Add("occ-12", 12, LongOverdue);

        var digest = await Loader().LoadAsync(Id(3), Council.Today);

        Assert.Contains(digest!.Escalated, i => i.Item.Id.Value == "occ-6");
        Assert.DoesNotContain(digest.Escalated, i => i.Item.Id.Value == "occ-12");
    }

    [Fact]
    public async Task LoadAsync_ItemAboutSomeoneOutsideTheChain_NamesThem()
    {
        _council.Add("occ-6", 6, LongOverdue, concerns: Id(12));

        var digest = await Loader().LoadAsync(Id(4), Council.Today);

        Assert.Equal("Person 12", Assert.Single(digest!.Escalated).ConcernsName);
    }

    [Fact]
    public async Task LoadWeekAsync_KeepsOnlyItemsDueMondayToSundayAndNamesWhoTheyConcern()
    {
        _council.Add("occ-mon", 6, new DateOnly(2026, 11, 16), concerns: Id(7));
        _council.Add("occ-sun", 6, new DateOnly(2026, 11, 22), concerns: Id(99));
        _council.Add("occ-before", 6, new DateOnly(2026, 11, 15));
        _council.Add("occ-after", 6, new DateOnly(2026, 11, 23));

        var digest = await Loader().LoadWeekAsync(Council.Person(6), Council.Today);

        Assert.Equal(["occ-mon", "occ-sun"], digest.OwnItems.Select(i => i.Item.Id.Value));
        Assert.Equal(["Person 7", DigestComposer.UnknownPersonName], digest.OwnItems.Select(i => i.ConcernsName));
        Assert.Empty(digest.Escalated);
        Assert.Null(digest.RunId);
    }

    [Theory]
    [InlineData("2026-11-16", "2026-11-16")]
    [InlineData("2026-11-20", "2026-11-16")]
    [InlineData("2026-11-22", "2026-11-16")]
    [InlineData("2027-01-01", "2026-12-28")]
    public void WeekOf_AnyDay_StartsOnTheMondayBefore(string day, string monday)
    {
        var (start, end) = DigestLoader.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(start.AddDays(6), end);
    }
}

[Trait("Category", "Fast")]
public sealed class StoredDigestSourceTests : IDisposable
{
    private static readonly DateOnly LongOverdue = new(2026, 10, 1);
    private readonly Council _council = new();
    private readonly DirectoryCache _cache;

    public StoredDigestSourceTests()
    {
        _cache = new DirectoryCache(_council.Directory, Council.Policy, _council.Time);
    }

    public void Dispose() => _cache.Dispose();

    private StoredDigestSource Source() => new(_cache, _council.Tracking, Council.Rules);

    [Fact]
    public void Constructor_MissingPort_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new StoredDigestSource(null!, _council.Tracking, Council.Rules));
        Assert.Throws<ArgumentNullException>(() => new StoredDigestSource(_cache, null!, Council.Rules));
        Assert.Throws<ArgumentNullException>(() => new StoredDigestSource(_cache, _council.Tracking, null!));
    }

    [Fact]
    public async Task ComposeAsync_LeftPerson_IsNull()
    {
        _council.Save(Council.Person(6) with { Active = false, LeftOn = Council.Today });

        Assert.Null(await Source().ComposeAsync(Id(6), Council.Today, "run-1"));
    }

    [Fact]
    public async Task ComposeAsync_OwnItems_DueOrRemindedTodayInDueOrder()
    {
        _council.Add("occ-b", 6, Council.Today);
        _council.Add("occ-a", 6, Council.Today);
        _council.Add("occ-old", 6, LongOverdue);
        _council.Add("occ-next-week", 6, Council.Today.AddDays(7));

        var digest = await Source().ComposeAsync(Id(6), Council.Today, "run-1");

        Assert.Equal(["occ-old", "occ-a", "occ-b"], digest!.OwnItems.Select(i => i.Item.Id.Value));
        Assert.All(digest.OwnItems, i => Assert.Equal((0, "Person 6"), (i.EscalationLevel, i.OwnerName)));
        Assert.Empty(digest.Escalated);
    }

    [Fact]
    public async Task ComposeAsync_ManagerWithADueItem_CarriesTheirReportsSetAsideUseAndTheNextLevelDoesNot()
    {
        _council.Add("occ-4", 4, Council.Today);
        foreach (var (id, due) in new[] { ("s-1", new DateOnly(2026, 8, 31)), ("s-2", new DateOnly(2026, 10, 30)) })
        {
            var item = _council.Add(id, 7, due);
            await _council.Tracking.UpdateAsync(item.Key, i => Core.Tracking.ItemTransitions.Reply(
                i, Testing.Organisation.TestItems.Reply(i, Core.Tracking.ReplyKind.NotApplicable, null, "reply-" + id) with { ReasonCode = "leave" }));
        }

        var review = new Application.Tracking.SetAsideReview(_council.Tracking, new Application.Compliance.ReportOptions { RepeatedNotApplicable = 3 });
        var source = new StoredDigestSource(_cache, _council.Tracking, Council.Rules, review);
        var manager = await source.ComposeAsync(Id(4), Council.Today, "run-1");
        var nextLevel = await source.ComposeAsync(Id(3), Council.Today, "run-1");

        var use = Assert.Single(manager!.SetAside);
        Assert.Equal((Id(7), 2, false, new DateOnly(2026, 5, 20)), (use.Owner, use.Times, use.Repeated, manager.SetAsideFrom));
        Assert.Empty(nextLevel?.SetAside ?? []);
    }

    [Fact]
    public async Task ComposeAsync_OverdueItemsOfReports_EscalateToTheManagerThenTheNextLevel()
    {
        _council.Add("occ-6", 6, LongOverdue, concerns: Id(7));
        _council.Add("occ-recent", 7, Council.Today.AddDays(-1));

        var manager = await Source().ComposeAsync(Id(4), Council.Today, "run-1");
        var nextLevel = await Source().ComposeAsync(Id(3), Council.Today, "run-1");

        var toManager = Assert.Single(manager!.Escalated);
        Assert.Equal(("occ-6", 1, "Person 6", "Person 7"), (toManager.Item.Id.Value, toManager.EscalationLevel, toManager.OwnerName, toManager.ConcernsName));
        var toNextLevel = Assert.Single(nextLevel!.Escalated, i => i.Item.Id.Value == "occ-6");
        Assert.Equal(2, toNextLevel.EscalationLevel);
    }

    [Fact]
    public async Task ComposeAsync_WorkerNobodyEscalatesTo_HasNoEscalatedItems()
    {
        _council.Add("occ-6", 6, LongOverdue);

        var digest = await Source().ComposeAsync(Id(7), Council.Today, "run-1");

        Assert.True(digest!.IsEmpty);
    }
}

[Trait("Category", "Fast")]
public sealed class DirectoryCacheTests
{
    private readonly Council _council = new();

    [Fact]
    public void Constructor_MissingArgument_ThrowsAndMaxAgeDefaultsToAMinute()
    {
        Assert.Throws<ArgumentNullException>(() => new DirectoryCache(null!, Council.Policy, _council.Time));
        Assert.Throws<ArgumentNullException>(() => new DirectoryCache(_council.Directory, null!, _council.Time));
        Assert.Throws<ArgumentNullException>(() => new DirectoryCache(_council.Directory, Council.Policy, null!));
        using var cache = new DirectoryCache(_council.Directory, Council.Policy, _council.Time);
        Assert.Equal(TimeSpan.FromMinutes(1), cache.MaxAge);
    }

    [Fact]
    public async Task GetChartAsync_WithinMaxAge_ReadsTheDirectoryOnceThenAgainAfterIt()
    {
        using var cache = new DirectoryCache(_council.Directory, Council.Policy, _council.Time, TimeSpan.FromMinutes(5));
        var first = await cache.GetChartAsync(CancellationToken.None);
        _council.Save(NewPerson(40, SendTeam, null, AllStaff));

        var cached = await cache.GetChartAsync(CancellationToken.None);
        _council.Time.Advance(TimeSpan.FromMinutes(5));
        var fresh = await cache.GetChartAsync(CancellationToken.None);

        Assert.Same(first, cached);
        Assert.Null(cached.Find(Id(40)));
        Assert.NotNull(fresh.Find(Id(40)));
    }

    [Fact]
    public async Task GetEscalationLinesAsync_SameDate_IsWorkedOutOnce()
    {
        using var cache = new DirectoryCache(_council.Directory, Council.Policy, _council.Time);

        var first = await cache.GetEscalationLinesAsync(Council.Today, CancellationToken.None);
        var again = await cache.GetEscalationLinesAsync(Council.Today, CancellationToken.None);
        var other = await cache.GetEscalationLinesAsync(Council.Today.AddDays(1), CancellationToken.None);

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Contains(Id(6), first.SourcesOf(Id(4), 1));
    }

    [Fact]
    public async Task GetChartAsync_ManyCallersAtOnce_ShareOneRead()
    {
        using var cache = new DirectoryCache(_council.Directory, Council.Policy, _council.Time);

        var charts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetChartAsync(CancellationToken.None)));

        Assert.All(charts, c => Assert.Same(charts[0], c));
    }
}

[Trait("Category", "Fast")]
public sealed class DigestBundleTests
{
    [Fact]
    public void ToJson_Parse_RoundTrips()
    {
        var message = new DigestBundle("run-20261120T090000Z", new DateOnly(2026, 11, 20), [Id(6), Id(7)]);

        var json = message.ToJson();

        Assert.Equal($$"""{"runId":"run-20261120T090000Z","people":["{{Id(6)}}","{{Id(7)}}"],"asOf":"2026-11-20"}""", json);
        var read = DigestBundle.Parse(json);
        Assert.Equal([new DigestMessage("run-20261120T090000Z", Id(6), new DateOnly(2026, 11, 20)), new DigestMessage("run-20261120T090000Z", Id(7), new DateOnly(2026, 11, 20))], read.Digests);
        Assert.Equal("run-20261120T090000Z/" + Id(6), read.Digests[0].Key.ToString());
    }

    [Fact]
    public void Parse_OneDigestAsQueuedBeforeMessagesHeldSeveral_ReadsIt()
    {
        var read = DigestBundle.Parse($$"""{"runId":"run-20261120T090000Z","person":"{{Id(6)}}","asOf":"2026-11-20"}""");

        Assert.Equal([new DigestMessage("run-20261120T090000Z", Id(6), new DateOnly(2026, 11, 20))], read.Digests);
    }

    [Theory]
    [InlineData("{", "The queue message is not a digest message:")]
    [InlineData("null", "The queue message has no valid runId.")]
    [InlineData("""{"runId":"has space","person":"00000000-0000-4000-8000-000000000006","asOf":"2026-11-20"}""", "The queue message has no valid runId.")]
    [InlineData("""{"person":"00000000-0000-4000-8000-000000000006","asOf":"2026-11-20"}""", "The queue message has no valid runId.")]
    [InlineData("""{"runId":"run-1","person":"someone@council.example","asOf":"2026-11-20"}""", "The queue message's person is not an Entra object id.")]
    [InlineData("""{"runId":"run-1","people":["00000000-0000-4000-8000-000000000006","someone@council.example"],"asOf":"2026-11-20"}""", "The queue message's people[1] is not an Entra object id.")]
    [InlineData("""{"runId":"run-1","people":["00000000-0000-4000-8000-000000000006","00000000-0000-4000-8000-000000000006"],"asOf":"2026-11-20"}""", "The queue message's people[1] is named twice.")]
    [InlineData("""{"runId":"run-1","people":[],"asOf":"2026-11-20"}""", "The queue message names 0 people; a digest message names 1 to 32.")]
    [InlineData("""{"runId":"run-1","asOf":"2026-11-20"}""", "The queue message names 0 people; a digest message names 1 to 32.")]
    [InlineData("""{"runId":"run-1","person":"00000000-0000-4000-8000-000000000006","asOf":"20/11/2026"}""", "The queue message's asOf is not a date (yyyy-MM-dd).")]
    [InlineData("""{"runId":"run-1","person":"00000000-0000-4000-8000-000000000006"}""", "The queue message's asOf is not a date (yyyy-MM-dd).")]
    public void Parse_NotOneOfOurs_NamesWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DigestBundle.Parse(json));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_MorePeopleThanAMessageHolds_Refused() =>
        Assert.Throws<ArgumentException>(() => new DigestBundle("run-1", new DateOnly(2026, 11, 20), [.. Enumerable.Range(1, DigestBundle.MaxPeople + 1).Select(Id)]));
}
