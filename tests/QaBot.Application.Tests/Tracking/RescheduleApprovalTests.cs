using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using QaBot.Application.Conversations;
using QaBot.Application.Tracking;
using QaBot.Application.Tracking.Approvals;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Tracking;

/// <summary>Person 6 asks to move an item; their line manager is 4, and 4's is 3 (3's is 2, two up from 4: not allowed).</summary>
[Trait("Category", "Fast")]
public sealed class RescheduleApprovalTests
{
    private static readonly DateOnly Due = new(2026, 11, 19);
    private static readonly DateOnly TooFar = new(2027, 1, 15);
    private readonly Council _council = new();
    private readonly Mock<IConversationSender> _sender = new();
    private readonly List<(ConversationReference To, OutboundMessage Message)> _sent = [];
    private readonly TrackedItem _item;

    public RescheduleApprovalTests()
    {
        _item = _council.Add("occ-1", 6, Due);
        SendAnswers(SendStatus.Sent);
    }

    private void SendAnswers(SendStatus status)
    {
        _sender.Reset();
        _sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationReference to, OutboundMessage message, CancellationToken _) => _sent.Add((to, message)))
            .ReturnsAsync(new SendOutcome { Status = status, ActivityId = status == SendStatus.Sent ? "1:sent" : null });
    }

    private OrganisationPolicy _policy = Council.Policy;

    private Approvers Approvers => new(_council.Directory, _council.Conversations, _policy, Council.Rules.Calendar, _council.Time);

    private RequestRescheduleApproval Requests() => new(
        _council.Tracking, _council.Directory, _council.Conversations, _sender.Object, new TextApprovals(), Approvers, Council.Catalogue, Council.Rules,
        NullLogger<RequestRescheduleApproval>.Instance);

    private DecideReschedule Decisions() => new(
        _council.Tracking, _council.Directory, _council.Conversations, _sender.Object, new TextApprovals(), Approvers, Council.Catalogue, Council.Rules,
        NullLogger<DecideReschedule>.Instance);

    private Task<ApprovalRequestOutcome> AskAsync(DateOnly to, TrackedItem? item = null, int seen = 1, string reason = "Long-term sick") =>
        Requests().ExecuteAsync(new ReplyRequest(Council.Person(6), (item ?? _item).Key, seen, ReplyKind.Rescheduled, to, reason, Council.Now, Council.Teams), CancellationToken.None);

    private Task<DecisionOutcome> DecideAsync(int by, bool approve, string? reason = null, int? seen = null) =>
        Decisions().ExecuteAsync(
            new DecisionRequest(Council.Person(by), _item.Key, seen ?? _council.Get(_item).Approval!.CardVersion, approve, reason, Council.Now.AddHours(1), Council.Teams),
            CancellationToken.None);

    private async Task<List<string>> AuditActionsAsync() => (await _council.Tracking.GetAuditTrailAsync(_item.Key)).Select(a => a.Action).ToList();

    [Fact]
    public async Task Request_LineManagerInTeams_WritesTheRequestAndSendsThemTheCard()
    {
        var manager = _council.Chat(4);

        var outcome = await AskAsync(TooFar);

        Assert.Equal((ApprovalRequestOutcomeKind.Requested, "Person 4"), (outcome.Kind, outcome.ApproverName));
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.Open, Due, 2), (stored.Status, stored.EffectiveDue, stored.Version));
        Assert.Equal((ApprovalState.Pending, TooFar, Id(4), 2, "Long-term sick"), (stored.Approval!.State, stored.Approval.To, stored.Approval.Approver, stored.Approval.CardVersion, stored.Approval.Reason));
        var (to, message) = Assert.Single(_sent);
        Assert.Equal(manager, to);
        Assert.Equal("approve? occ-1 for Person 6 to 2027-01-15", message.Text);
        var audit = (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1];
        Assert.Equal(("reschedule-requested", Actor.Person(Id(6))), (audit.Action, audit.Actor));
        Assert.Equal($"move from 2026-11-19 to 2027-01-15 sent to person:{Id(4)} for approval", audit.Detail);
    }

    private Task<ApprovalRequestOutcome> MemberAsksAsync(TrackedItem item) =>
        Requests().ExecuteAsync(new ReplyRequest(Council.Person(9), item.Key, 1, ReplyKind.Rescheduled, TooFar, "Council meeting", Council.Now, Council.Teams), CancellationToken.None);

    [Fact]
    public async Task Request_ElectedMemberWithMemberSupportInTeams_GoesToTheMemberSupportOfficerNotAnOfficersLine()
    {
        _policy = Council.Policy with { MemberSupportUpn = Council.Person(12).Upn };
        var support = _council.Chat(12);
        _council.Chat(1);
        var item = _council.Add("member-1", 9, Due, "member-qa-overview");

        var outcome = await MemberAsksAsync(item);

        Assert.Equal((ApprovalRequestOutcomeKind.Requested, "Person 12"), (outcome.Kind, outcome.ApproverName));
        Assert.Equal(support, Assert.Single(_sent).To);
        Assert.True(await Approvers.MayDecideAsync(Id(9), Id(12), CancellationToken.None));
        Assert.False(await Approvers.MayDecideAsync(Id(9), Id(1), CancellationToken.None));
    }

    [Fact]
    public async Task Request_ElectedMemberAndNoMemberSupportNamed_RefusedWithoutTalkingOfALineManager()
    {
        _council.Chat(1);
        var item = _council.Add("member-2", 9, Due, "member-qa-overview");

        var outcome = await MemberAsksAsync(item);

        Assert.Equal(ApprovalRequestOutcomeKind.Invalid, outcome.Kind);
        Assert.EndsWith("A member's item moves that far only with the member-support officer's agreement, and the council has not named one: ask the QA team.", outcome.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("line manager", outcome.Problem, StringComparison.Ordinal);
        Assert.Empty(_sent);
        Assert.Null(_council.Get(item).Approval);
    }

    [Fact]
    public async Task Request_SamePressTwice_AsksOnce()
    {
        _council.Chat(4);

        await AskAsync(TooFar);
        var again = await AskAsync(TooFar);

        Assert.Equal((ApprovalRequestOutcomeKind.AlreadyRequested, "Person 4"), (again.Kind, again.ApproverName));
        Assert.Single(_sent);
        Assert.Equal(2, _council.Get(_item).Version);
    }

    [Fact]
    public async Task Request_LineManagerNotInTeams_GoesToTheNextOneUp()
    {
        var next = _council.Chat(3);

        var outcome = await AskAsync(TooFar);

        Assert.Equal((ApprovalRequestOutcomeKind.Requested, "Person 3"), (outcome.Kind, outcome.ApproverName));
        Assert.Equal(next, Assert.Single(_sent).To);
        Assert.Equal(Id(3), _council.Get(_item).Approval!.Approver);
    }

    [Fact]
    public async Task Request_NeitherManagerInTeams_InvalidAndNothingWritten()
    {
        _council.Chat(2);

        var outcome = await AskAsync(TooFar);

        Assert.Equal(ApprovalRequestOutcomeKind.Invalid, outcome.Kind);
        Assert.Contains("can't reach your line manager", outcome.Problem, StringComparison.Ordinal);
        Assert.Empty(_sent);
        Assert.Equal(1, _council.Get(_item).Version);
    }

    [Fact]
    public async Task Request_StatutoryItemPastItsDeadline_RefusedWhoeverWouldApprove()
    {
        _council.Chat(4);
        var statutory = _council.Add("occ-statutory", 6, Due, "iro-quality-assure-plans");

        var outcome = await AskAsync(TooFar, statutory);

        Assert.Equal(ApprovalRequestOutcomeKind.Invalid, outcome.Kind);
        Assert.Contains("statutory deadline", outcome.Problem, StringComparison.Ordinal);
        Assert.Empty(_sent);
        Assert.Equal(1, _council.Get(statutory).Version);
    }

    [Fact]
    public async Task Request_OnAnOlderCard_StaleAndNothingSent()
    {
        _council.Chat(4);

        var outcome = await AskAsync(TooFar, seen: 2);

        Assert.Equal(ApprovalRequestOutcomeKind.Stale, outcome.Kind);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task Request_TeamsRefusesTheCard_WithdrawnSoNothingWaits()
    {
        _council.Chat(4);
        SendAnswers(SendStatus.Failed);

        var outcome = await AskAsync(TooFar);

        Assert.Equal(ApprovalRequestOutcomeKind.NotDelivered, outcome.Kind);
        var stored = _council.Get(_item);
        Assert.False(stored.IsAwaitingApproval);
        Assert.Equal(ApprovalState.Withdrawn, stored.Approval!.State);
        Assert.Equal(["created", "reschedule-requested", "reschedule-request-withdrawn"], await AuditActionsAsync());
    }

    [Fact]
    public async Task Approve_LineManager_MovesTheItemInTheOwnersNameAndTellsThem()
    {
        _council.Chat(4);
        var owner = _council.Chat(6);
        await AskAsync(TooFar);

        var outcome = await DecideAsync(4, approve: true);

        Assert.Equal((DecisionOutcomeKind.Decided, "Person 6", true), (outcome.Kind, outcome.RequesterName, outcome.RequesterTold));
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.Rescheduled, TooFar, "Long-term sick", ApprovalState.Approved, Id(4)), (stored.Status, stored.RescheduledTo, stored.Note, stored.Approval!.State, stored.Approval.DecidedBy));
        Assert.Equal(Council.Rules.RemindersAfter(TooFar, stored.Duty, Council.Now.AddHours(1)), stored.RemindAt);
        var reply = Assert.Single(await _council.Tracking.GetRepliesAsync(_item.Key));
        Assert.Equal((ReplyKind.Rescheduled, Id(6), (DateOnly?)TooFar), (reply.Kind, reply.By, reply.Date));
        var audit = (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1];
        Assert.Equal(("reschedule-approved", Actor.Person(Id(4))), (audit.Action, audit.Actor));
        Assert.Equal($"rescheduled from 2026-11-19 to 2027-01-15 at the request of person:{Id(6)}, approved by person:{Id(4)}", audit.Detail);
        Assert.Equal((owner, "Person 4 answered occ-1: Approved"), (_sent[^1].To, _sent[^1].Message.Text));
    }

    [Fact]
    public async Task Decline_WithAReason_TheDateStandsAndTheOwnerIsToldWhy()
    {
        _council.Chat(4);
        var owner = _council.Chat(6);
        await AskAsync(TooFar);

        var noReason = await DecideAsync(4, approve: false);
        var outcome = await DecideAsync(4, approve: false, reason: "Needed before the audit");

        Assert.Equal((DecisionOutcomeKind.Invalid, "Say why you are declining."), (noReason.Kind, noReason.Problem));
        Assert.Equal(DecisionOutcomeKind.Decided, outcome.Kind);
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.Open, Due, ApprovalState.Declined, "Needed before the audit"), (stored.Status, stored.EffectiveDue, stored.Approval!.State, stored.Approval.DecisionNote));
        Assert.Empty(await _council.Tracking.GetRepliesAsync(_item.Key));
        Assert.Equal(["created", "reschedule-requested", "reschedule-declined"], await AuditActionsAsync());
        Assert.DoesNotContain("audit", (await _council.Tracking.GetAuditTrailAsync(_item.Key))[^1].Detail, StringComparison.Ordinal);
        Assert.Equal((owner, "Person 4 answered occ-1: Declined"), (_sent[^1].To, _sent[^1].Message.Text));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(5)]
    [InlineData(2)]
    public async Task Decide_NotTheRequestersManagerOrTheNextOneUp_RefusedAndNothingChanged(int by)
    {
        _council.Chat(4);
        await AskAsync(TooFar);

        var outcome = await DecideAsync(by, approve: true);

        Assert.Equal(DecisionOutcomeKind.NotAllowed, outcome.Kind);
        Assert.Equal((2, true), (_council.Get(_item).Version, _council.Get(_item).IsAwaitingApproval));
    }

    [Fact]
    public async Task Decide_NextOneUp_MayAnswerInTheLineManagersPlace()
    {
        _council.Chat(4);
        await AskAsync(TooFar);

        var outcome = await DecideAsync(3, approve: true);

        Assert.Equal(DecisionOutcomeKind.Decided, outcome.Kind);
        Assert.Equal(Id(3), _council.Get(_item).Approval!.DecidedBy);
    }

    [Fact]
    public async Task Decide_SecondAnswerOrOlderCard_ChangesNothing()
    {
        _council.Chat(4);
        await AskAsync(TooFar);
        var card = _council.Get(_item).Approval!.CardVersion;
        await DecideAsync(4, approve: false, reason: "No");
        var version = _council.Get(_item).Version;

        var again = await DecideAsync(3, approve: true, seen: card);
        var older = await DecideAsync(4, approve: true, seen: card - 1);

        Assert.Equal((DecisionOutcomeKind.AlreadyDecided, DecisionOutcomeKind.Stale), (again.Kind, older.Kind));
        Assert.Equal((version, ApprovalState.Declined, Due), (_council.Get(_item).Version, _council.Get(_item).Approval!.State, _council.Get(_item).EffectiveDue));
    }

    [Fact]
    public async Task Decide_AfterTheOwnerMarkedItDone_StaleAndTheItemStaysDone()
    {
        _council.Chat(4);
        await AskAsync(TooFar);
        var card = _council.Get(_item).Approval!.CardVersion;
        var replies = new RecordReply(_council.Tracking, _council.Directory, Council.Catalogue, Council.Rules, NullLogger<RecordReply>.Instance);
        await replies.ExecuteAsync(new ReplyRequest(Council.Person(6), _item.Key, card, ReplyKind.Done, Council.Today, null, Council.Now, Council.Teams), CancellationToken.None);

        var outcome = await DecideAsync(4, approve: true, seen: card);

        Assert.Equal(DecisionOutcomeKind.Stale, outcome.Kind);
        var stored = _council.Get(_item);
        Assert.Equal((ItemStatus.Done, ApprovalState.Withdrawn), (stored.Status, stored.Approval!.State));
    }

    /// <summary>Names what each message is about, so the tests can tell them apart.</summary>
    private sealed class TextApprovals : IApprovalRenderer
    {
        public OutboundMessage RenderRequest(ApprovalCard card) =>
            OutboundMessage.FromText(string.Create(CultureInfo.InvariantCulture, $"approve? {card.Item.Id} for {card.RequesterName} to {card.Approval.To:yyyy-MM-dd}"));

        public OutboundMessage RenderAnswer(ApprovalCard card, string deciderName) =>
            OutboundMessage.FromText($"{deciderName} answered {card.Item.Id}: {card.Approval.State}");
    }
}
