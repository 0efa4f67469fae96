using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Connector;
using QaBot.Testing.Logging;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class NudgeOwnerTests : IDisposable
{
    private static readonly DateOnly Due = new(2026, 11, 10);
    private readonly Council _council = new();
    private readonly Mock<IConversationSender> _sender = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly TrackedItem _item;

    public NudgeOwnerTests()
    {
        _item = _council.Add("occ-1", 6, Due);
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
        _sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SendOutcome { Status = SendStatus.Sent, ActivityId = "1:nudge" });
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _logs.Dispose();
    }

    private NudgeOwner UseCase() => new(
        _council.Tracking, _council.Directory, _council.Conversations, _sender.Object, new TestDigestRenderer(),
        new AreaTreeCache(_council.Directory, _council.Time), Council.Policy, Council.Rules, _loggers.CreateLogger<NudgeOwner>());

    /// <summary>A press on a card showing <paramref name="seen"/> (by default the item as stored now: a fresh card).</summary>
    private Task<NudgeOutcome> NudgeAsync(int by, TrackedItem? item = null, DateTimeOffset? at = null, int? seen = null)
    {
        var key = (item ?? _item).Key;
        var version = seen ?? _council.Tracking.GetAsync(key).GetAwaiter().GetResult()?.Version ?? 1;
        return UseCase().ExecuteAsync(new NudgeRequest(By(by), key, version, at ?? Council.Now, Council.Teams), CancellationToken.None);
    }

    private Person By(int n) => _council.Directory.GetPersonAsync(Id(n)).GetAwaiter().GetResult()!;

    private void AssertNothingSent() =>
        _sender.Verify(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()), Times.Never);

    /// <summary>Outside the test department's leaders: owner 40, their manager 41, 41's manager 42, and 43 who is none of these.</summary>
    private TrackedItem ChainOutsideTheLeaders()
    {
        _council.Save(NewPerson(40, SendTeam, Id(41), AllStaff));
        _council.Save(NewPerson(41, SendTeam, Id(42), AllStaff));
        _council.Save(NewPerson(42, Schools, null, AllStaff));
        _council.Save(NewPerson(43, SendTeam, null, AllStaff));
        _council.Chat(40);
        var item = TestItems.Open("occ-40", Id(40), SendTeam, Due);
        _council.Tracking.AddIfAbsentAsync([NewItem.Of(item)], TestItems.Origin).GetAwaiter().GetResult();
        return item;
    }

    [Fact]
    public async Task LeaderOfTheArea_SendsTheOwnerACardAndRecordsTheNudge()
    {
        var chat = _council.Chat(6);

        var outcome = await NudgeAsync(3);

        Assert.Equal((NudgeOutcomeKind.Sent, "Person 6", null), (outcome.Kind, outcome.OwnerName, outcome.ConcernsName));
        _sender.Verify(s => s.SendAsync(chat, It.Is<OutboundMessage>(m => m.Text == $"nudge from Person 3 to {Id(6)} about occ-1"), It.IsAny<CancellationToken>()), Times.Once);
        var stored = _council.Get(_item);
        Assert.Equal((1, Council.Now), (stored.NudgeCount, stored.LastNudgedAt));
        var nudge = Assert.Single(await _council.Tracking.GetNudgesAsync(_item.Key));
        Assert.Equal((Id(3), Council.Teams), (nudge.By, nudge.Origin));
        Assert.Equal("nudged", (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1].Action);
    }

    [Fact]
    public async Task OwnerOnLeave_NothingSentOrRecorded_AndSaysUntilWhen()
    {
        _council.Chat(6);
        var leave = new Absence(Id(6), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 27), null, Actor.Operator("qa"), Council.Now);
        Assert.True((await _council.Directory.AddAbsenceAsync(leave, new AuditEntry(Council.Now, Actor.Operator("qa"), "leave-recorded", "person:" + Id(6), "test", Council.Teams))).Saved);

        var outcome = await NudgeAsync(3);

        Assert.Equal((NudgeOutcomeKind.Away, (DateOnly?)new DateOnly(2026, 11, 27)), (outcome.Kind, outcome.AwayUntil));
        AssertNothingSent();
        Assert.Equal(0, _council.Get(_item).NudgeCount);
    }

    [Fact]
    public async Task OwnersLineManagerOutsideAnyAreaTheyLead_MayNudge()
    {
        var item = ChainOutsideTheLeaders();

        var outcome = await NudgeAsync(41, item);

        Assert.Equal(NudgeOutcomeKind.Sent, outcome.Kind);
        Assert.Equal(Id(41), Assert.Single(await _council.Tracking.GetNudgesAsync(item.Key)).By);
    }

    [Fact]
    public async Task ManagersManager_MayNudge()
    {
        var item = ChainOutsideTheLeaders();

        var outcome = await NudgeAsync(42, item);

        Assert.Equal(NudgeOutcomeKind.Sent, outcome.Kind);
        Assert.Equal(Id(42), Assert.Single(await _council.Tracking.GetNudgesAsync(item.Key)).By);
    }

    [Fact]
    public async Task SomeoneOutsideTheOwnersChainAndAreas_IsNotAllowed()
    {
        var item = ChainOutsideTheLeaders();

        var outcome = await NudgeAsync(43, item);

        Assert.Equal(NudgeOutcomeKind.NotAllowed, outcome.Kind);
        Assert.Null(outcome.Item);
        AssertNothingSent();
        Assert.Equal(0, _council.Tracking.WriteAttempts);
    }

    [Fact]
    public async Task ExecutiveDirectorAboutAnElectedMembersItem_IsNotAllowedAndChangesNothing()
    {
        var item = _council.Add("occ-member", 9, Due, "member-qa-participation");
        _council.Chat(9);

        var outcome = await NudgeAsync(1, item);

        Assert.Equal(NudgeOutcomeKind.NotAllowed, outcome.Kind);
        AssertNothingSent();
        Assert.Empty(await _council.Tracking.GetNudgesAsync(item.Key));
        Assert.Equal(0, _council.Get(item).NudgeCount);
    }

    [Fact]
    public async Task LeaderOfAnotherArea_IsNotAllowed()
    {
        _council.Chat(6);

        Assert.Equal(NudgeOutcomeKind.NotAllowed, (await NudgeAsync(5)).Kind);
        AssertNothingSent();
    }

    [Fact]
    public async Task ElectedMember_IsNotAllowed()
    {
        _council.Chat(6);

        Assert.Equal(NudgeOutcomeKind.NotAllowed, (await NudgeAsync(9)).Kind);
        AssertNothingSent();
    }

    [Fact]
    public async Task OwnItem_IsNotAllowed()
    {
        _council.Chat(6);

        Assert.Equal(NudgeOutcomeKind.NotAllowed, (await NudgeAsync(6)).Kind);
        AssertNothingSent();
    }

    [Fact]
    public async Task OwnerWithNoLineManager_OnlyTheirLeadersMayNudge()
    {
        ChainOutsideTheLeaders();
        var item = _council.Add("occ-12", 12, Due);

        Assert.Equal(NudgeOutcomeKind.NotAllowed, (await NudgeAsync(43, item)).Kind);
        AssertNothingSent();
    }

    [Fact]
    public async Task OwnersManagerNoLongerInTheDirectory_OnlyTheirLeadersMayNudge()
    {
        ChainOutsideTheLeaders();
        _council.Save(NewPerson(44, SendTeam, Id(99), AllStaff));
        var item = TestItems.Open("occ-44", Id(44), SendTeam, Due);
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(item)], TestItems.Origin);

        Assert.Equal(NudgeOutcomeKind.NotAllowed, (await NudgeAsync(43, item)).Kind);
    }

    [Fact]
    public async Task UnknownItem_IsNotFound()
    {
        var outcome = await NudgeAsync(3, _item with { Id = new OccurrenceId("nope") });

        Assert.Equal(NudgeOutcomeKind.NotFound, outcome.Kind);
        AssertNothingSent();
    }

    [Fact]
    public async Task ItemAlreadyAnswered_SaysSoAndSendsNothing()
    {
        _council.Chat(6);
        await _council.Tracking.UpdateAsync(_item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Done, Due)));

        var outcome = await NudgeAsync(3);

        Assert.Equal((NudgeOutcomeKind.AlreadyReplied, "Person 6"), (outcome.Kind, outcome.OwnerName));
        AssertNothingSent();
    }

    [Fact]
    public async Task NudgedEarlierToday_SaysSoAndSendsNothing()
    {
        _council.Chat(6);
        await NudgeAsync(4, at: Council.Now.AddHours(-1));
        _sender.Invocations.Clear();

        var outcome = await NudgeAsync(3);

        Assert.Equal(NudgeOutcomeKind.AlreadyNudgedToday, outcome.Kind);
        AssertNothingSent();
        Assert.Equal(1, _council.Get(_item).NudgeCount);
    }

    [Fact]
    public async Task NudgedYesterday_NudgesAgain()
    {
        _council.Chat(6);
        await NudgeAsync(4, at: Council.Now.AddDays(-1));

        var outcome = await NudgeAsync(3);

        Assert.Equal(NudgeOutcomeKind.Sent, outcome.Kind);
        Assert.Equal(2, _council.Get(_item).NudgeCount);
    }

    [Fact]
    public async Task CardOlderThanTheItem_IsStaleAndSendsAndRecordsNothing()
    {
        _council.Chat(6);
        // The owner moved it to a new date after the manager's card was drawn: still outstanding, one version on.
        await _council.Tracking.UpdateAsync(_item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, Due.AddDays(7))));
        var audit = (await _council.Tracking.GetAuditTrailAsync(_item.Key)).Count;

        var outcome = await NudgeAsync(3, seen: 1);

        Assert.Equal(NudgeOutcomeKind.Stale, outcome.Kind);
        Assert.Equal(2, outcome.Item!.Version);
        AssertNothingSent();
        var stored = _council.Get(_item);
        Assert.Equal((2, 0), (stored.Version, stored.NudgeCount));
        Assert.Equal(audit, (await _council.Tracking.GetAuditTrailAsync(_item.Key)).Count);
        Assert.Empty(await _council.Tracking.GetNudgesAsync(_item.Key));
    }

    [Fact]
    public async Task OwnerNeverInstalledTheBot_IsNotInstalled()
    {
        var outcome = await NudgeAsync(3);

        Assert.Equal(NudgeOutcomeKind.NotInstalled, outcome.Kind);
        AssertNothingSent();
        Assert.Equal(0, _council.Get(_item).NudgeCount);
    }

    [Fact]
    public async Task OwnersChatMarkedStale_IsUnreachable()
    {
        _council.Chat(6);
        await _council.Conversations.MarkStaleAsync(Id(6), "403", Council.Now.AddDays(-1));

        Assert.Equal(NudgeOutcomeKind.Unreachable, (await NudgeAsync(3)).Kind);
        AssertNothingSent();
    }

    [Fact]
    public async Task OwnerHasLeft_IsUnreachable()
    {
        _council.Chat(6);
        _council.Save(Council.Person(6) with { Active = false, LeftOn = Council.Today });

        Assert.Equal(NudgeOutcomeKind.Unreachable, (await NudgeAsync(3)).Kind);
        AssertNothingSent();
    }

    [Fact]
    public async Task OwnerNoLongerInTheDirectory_IsUnreachableAndNamedAsSuch()
    {
        var stranger = TestItems.Open("occ-stranger", Id(77), ChesterfieldTeam1, Due);
        await _council.Tracking.AddIfAbsentAsync([NewItem.Of(stranger)], TestItems.Origin);
        _council.Chat(77);

        var outcome = await NudgeAsync(3, stranger);

        Assert.Equal((NudgeOutcomeKind.Unreachable, "someone no longer in the directory"), (outcome.Kind, outcome.OwnerName));
        AssertNothingSent();
    }

    [Fact]
    public async Task ItemAboutASupervisee_NamesThemOnTheCard()
    {
        _council.Chat(4);
        var item = _council.Add("occ-supervision", 4, Due, concerns: Id(7));

        var outcome = await NudgeAsync(3, item);

        Assert.Equal((NudgeOutcomeKind.Sent, "Person 7"), (outcome.Kind, outcome.ConcernsName));
    }

    [Fact]
    public async Task ItemAboutASuperviseeWhoLeftTheDirectory_SaysSo()
    {
        _council.Chat(4);
        var item = _council.Add("occ-supervision", 4, Due, concerns: Id(78));

        var outcome = await NudgeAsync(3, item);

        Assert.Equal("someone no longer in the directory", outcome.ConcernsName);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(null)]
    public async Task TeamsDidNotAcceptIt_IsNotDeliveredAndTheReservationIsWithdrawn(int? status)
    {
        _council.Chat(6);
        _sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SendOutcome { Status = SendStatus.Failed, StatusCode = status });

        var outcome = await NudgeAsync(3);

        Assert.Equal(NudgeOutcomeKind.NotDelivered, outcome.Kind);
        var stored = _council.Get(_item);
        Assert.Equal((0, (DateTimeOffset?)null, 3), (stored.NudgeCount, stored.LastNudgedAt, stored.Version));
        Assert.Equal(["created", "nudged", "nudge-withdrawn"], (await _council.Tracking.GetAuditTrailAsync(_item.Key)).Select(a => a.Action));
        Assert.False((await _council.Conversations.GetAsync(Id(6)))!.IsStale);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 5105);
    }

    [Fact]
    public async Task TeamsDidNotAcceptIt_APressLaterTheSameDaySends()
    {
        _council.Chat(6);
        _sender.SetupSequence(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SendOutcome { Status = SendStatus.Failed, StatusCode = 503 })
            .ReturnsAsync(new SendOutcome { Status = SendStatus.Sent, ActivityId = "1:nudge" });
        await NudgeAsync(3);

        var retry = await NudgeAsync(3, at: Council.Now.AddMinutes(10));

        Assert.Equal(NudgeOutcomeKind.Sent, retry.Kind);
        Assert.Equal((1, Council.Now.AddMinutes(10)), (_council.Get(_item).NudgeCount, _council.Get(_item).LastNudgedAt));
    }

    [Theory]
    [InlineData("403 Forbidden", "403 Forbidden")]
    [InlineData(null, "stale")]
    public async Task OwnersChatAnswersStale_MarksItAndIsUnreachable(string? reason, string recorded)
    {
        _council.Chat(6);
        _sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SendOutcome { Status = SendStatus.Stale, StatusCode = 403, Reason = reason });

        var outcome = await NudgeAsync(3);

        Assert.Equal(NudgeOutcomeKind.Unreachable, outcome.Kind);
        var chat = (await _council.Conversations.GetAsync(Id(6)))!;
        Assert.Equal((recorded, Council.Now), (chat.StaleReason, chat.StaleSince));
        Assert.Equal(0, _council.Get(_item).NudgeCount);
    }

    [Fact]
    public async Task TwoPressesAtOnce_SendOneNudge()
    {
        _council.Chat(6);
        NudgeOutcome? second = null;

        // The second press reads the item after the first read it and before the first's conditional write.
        _council.Tracking.BetweenReadAndWrite = async (_, _) =>
        {
            _council.Tracking.BetweenReadAndWrite = null;
            second = await NudgeAsync(4, seen: 1);
        };
        var first = await NudgeAsync(3, seen: 1);

        _sender.Verify(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal((NudgeOutcomeKind.Sent, NudgeOutcomeKind.AlreadyNudgedToday), (second!.Kind, first.Kind));
        var stored = _council.Get(_item);
        Assert.Equal((1, 2), (stored.NudgeCount, stored.Version));
        Assert.Equal(Id(4), Assert.Single(await _council.Tracking.GetNudgesAsync(_item.Key)).By);
    }

    [Fact]
    public async Task TwoConcurrentPresses_SendOneNudge()
    {
        _council.Chat(6);
        var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;

        // Both presses have read the item and decided to nudge before either writes.
        _council.Tracking.BetweenReadAndWrite = async (_, ct) =>
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothRead.SetResult();
            }

            await bothRead.Task.WaitAsync(ct);
        };

        var outcomes = await Task.WhenAll(Task.Run(() => NudgeAsync(3, seen: 1)), Task.Run(() => NudgeAsync(4, seen: 1)));

        _sender.Verify(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal([NudgeOutcomeKind.Sent, NudgeOutcomeKind.AlreadyNudgedToday], outcomes.Select(o => o.Kind).Order());
        Assert.Equal(1, _council.Get(_item).NudgeCount);
        Assert.Single(await _council.Tracking.GetNudgesAsync(_item.Key));
    }

    [Fact]
    public async Task ReservationLostToAnotherChange_IsStaleAndSendsNothing()
    {
        _council.Chat(6);
        _council.Tracking.ChangeBetweenReadAndWrite(_item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, Due.AddDays(7))));

        var outcome = await NudgeAsync(3, seen: 1);

        Assert.Equal(NudgeOutcomeKind.Stale, outcome.Kind);
        AssertNothingSent();
        Assert.Equal(0, _council.Get(_item).NudgeCount);
    }

    [Fact]
    public void Constructor_MissingDependency_NamesIt()
    {
        var t = _council.Tracking;
        var d = _council.Directory;
        var c = _council.Conversations;
        var s = _sender.Object;
        var r = new TestDigestRenderer();
        var a = new AreaTreeCache(d, _council.Time);
        var p = Council.Policy;
        var rules = Council.Rules;
        var l = NullLogger<NudgeOwner>.Instance;
        Assert.Equal("tracking", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(null!, d, c, s, r, a, p, rules, l)).ParamName);
        Assert.Equal("directory", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, null!, c, s, r, a, p, rules, l)).ParamName);
        Assert.Equal("conversations", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, d, null!, s, r, a, p, rules, l)).ParamName);
        Assert.Equal("sender", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, d, c, null!, r, a, p, rules, l)).ParamName);
        Assert.Equal("renderer", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, d, c, s, null!, a, p, rules, l)).ParamName);
        Assert.Equal("areas", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, d, c, s, r, null!, p, rules, l)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, d, c, s, r, a, null!, rules, l)).ParamName);
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, d, c, s, r, a, p, null!, l)).ParamName);
        Assert.Equal("logger", Assert.Throws<ArgumentNullException>(() => new NudgeOwner(t, d, c, s, r, a, p, rules, null!)).ParamName);
    }
}
