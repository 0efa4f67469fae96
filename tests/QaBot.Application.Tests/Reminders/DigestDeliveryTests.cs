using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Testing.Connector;
using QaBot.Testing.InMemory;
using QaBot.Testing.Time;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Reminders;

[Trait("Category", "Fast")]
public sealed class DigestDeliveryTests : IDisposable
{
    private const string RunId = "run-1";
    private readonly Council _council = new();
    private readonly InMemorySendLedger _ledger = new();
    private readonly ScriptedSender _sender = new();
    private readonly RecordingBudget _budget = new();
    private readonly InstantDelayTimeProvider _time = new(Council.Now);
    private readonly DirectoryCache _cache;
    private readonly RemindersOptions _options = new() { MaxAttemptsPerDelivery = 3, MaxDequeueCount = 5 };
    private PersonalChatSettings _chat = new(null, null, "https://smba.example/uk/");

    public DigestDeliveryTests()
    {
        _cache = new DirectoryCache(_council.Directory, Council.Policy, _time);
    }

    public void Dispose() => _cache.Dispose();

    private DigestDelivery UseCase(double random = 0) => new(
        _ledger, new StoredDigestSource(_cache, _council.Tracking, Council.Rules), new TestDigestRenderer(), _council.Conversations,
        _sender, _budget, _chat, _options, _time, NullLogger<DigestDelivery>.Instance, () => random);

    private static DigestMessage Message(int person = 6) => new(RunId, Id(person), Council.Today);

    private Task<DeliveryResult> DeliverAsync(int person = 6, long dequeueCount = 1, double random = 0) =>
        UseCase(random).DeliverAsync(Message(person), dequeueCount, CancellationToken.None);

    private async Task<SendRecord> LedgerAsync(int person = 6) => (await _ledger.GetAsync(Message(person).Key))!.Value;

    private static SendOutcome Answer(SendStatus status, int? code, TimeSpan? retryAfter = null, string? reason = null) => new()
    {
        Status = status,
        StatusCode = code,
        RetryAfter = retryAfter,
        Reason = reason,
        Attempts = [new SendAttempt(Council.Now, code, "corr", retryAfter)],
    };

    private static SendOutcome Sent(string activityId = "1:activity") => new()
    {
        Status = SendStatus.Sent,
        StatusCode = 201,
        ActivityId = activityId,
        Attempts = [new SendAttempt(Council.Now, 201, "corr", null)],
    };

    [Fact]
    public async Task DeliverAsync_PersonWithAChatAndAnItemDueToday_SendsTheirDigestAndRecordsItSent()
    {
        var chat = _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Sent("1:digest"));

        var result = await DeliverAsync();

        Assert.Equal((SendState.Sent, "1:digest", false, false, 1), (result.State, result.ActivityId, result.AlreadyFinal, result.PossibleDuplicate, result.Requests));
        var (to, message) = Assert.Single(_sender.Sent);
        Assert.Equal(chat, to);
        Assert.Equal($"digest {RunId}/{Id(6)} own 1 escalated 0", message.Text);
        var entry = await LedgerAsync();
        Assert.Equal((SendState.Sent, "1:digest", chat.ConversationId, 1, 201), (entry.State, entry.ActivityId, entry.ConversationId, entry.Attempts, entry.LastStatusCode));
        Assert.Equal("occ-1", Assert.Single(entry.Items).Value);
        Assert.Single(await _ledger.GetAttemptsAsync(Message().Key));
        Assert.Equal(["acquire " + chat.ConversationId], _budget.Calls.Where(c => c.StartsWith("acquire", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeliverAsync_RedeliveredAfterItWasSent_DoesNotSendAgain()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Sent("1:digest"));
        await DeliverAsync();

        var again = await DeliverAsync(dequeueCount: 2);

        Assert.Equal((SendState.Sent, "1:digest", true, 0), (again.State, again.ActivityId, again.AlreadyFinal, again.Requests));
        Assert.Single(_sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_NothingDueForThePerson_IsSkippedWithoutSending()
    {
        _council.Chat(6);
        _council.Add("occ-later", 6, Council.Today.AddDays(30));

        var result = await DeliverAsync();

        Assert.Equal(SendState.Skipped, result.State);
        Assert.Equal(SendState.Skipped, (await LedgerAsync()).State);
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_PersonNotInTheDirectory_IsSkipped()
    {
        var result = await DeliverAsync(person: 77);

        Assert.Equal(SendState.Skipped, result.State);
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_AnotherSenderMarkedItSendingMomentsAgo_WaitsAndSendsNothing()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        await _ledger.CreateAsync(new SendRecord(Message().Key, SendState.Sending, 1, null, null, null, [], false, Council.Now.AddSeconds(-20), Council.Now.AddSeconds(-20)));

        await Assert.ThrowsAsync<DigestRetryLaterException>(() => DeliverAsync(dequeueCount: 1));

        Assert.Empty(_sender.Sent);
        Assert.Equal((SendState.Sending, false), ((await LedgerAsync()).State, (await LedgerAsync()).PossibleDuplicate));
    }

    [Fact]
    public async Task DeliverAsync_LedgerLeftSendingByADeadTry_SendsAgainMarkedAsAPossibleDuplicate()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        var died = Council.Now - new RemindersOptions().SendingLease - TimeSpan.FromMinutes(1);
        await _ledger.CreateAsync(new SendRecord(Message().Key, SendState.Sending, 1, null, null, null, [], false, died, died));
        _sender.Sends.Enqueue(Sent());

        var result = await DeliverAsync(dequeueCount: 2);

        Assert.Equal((SendState.Sent, true), (result.State, result.PossibleDuplicate));
        var entry = await LedgerAsync();
        Assert.Equal((SendState.Sent, true, 2), (entry.State, entry.PossibleDuplicate, entry.Attempts));
    }

    [Fact]
    public async Task DeliverAsync_ConversationMarkedStaleEarlier_IsStaleWithoutARequest()
    {
        _council.Chat(6);
        await _council.Conversations.MarkStaleAsync(Id(6), "403", Council.Now);
        _council.Add("occ-1", 6, Council.Today);

        var result = await DeliverAsync();

        Assert.Equal((SendState.Stale, 0), (result.State, result.Requests));
        Assert.Equal(SendState.Stale, (await LedgerAsync()).State);
        Assert.Empty(_sender.Sent);
        Assert.Empty(_sender.Created);
    }

    [Fact]
    public async Task DeliverAsync_NoConversationAndNoBotIdentity_IsNotReachable()
    {
        _council.Add("occ-1", 6, Council.Today);

        var result = await DeliverAsync();

        Assert.Equal(SendState.NotReachable, result.State);
        Assert.Empty(_sender.Created);
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_NoConversationButTheBotCanOpenChats_OpensOneSavesItAndSends()
    {
        _chat = new PersonalChatSettings("28:bot", "tenant-1", "https://smba.example/uk/");
        _council.Add("occ-1", 6, Council.Today);
        _sender.Creates.Enqueue(new SendOutcome { Status = SendStatus.Sent, ConversationId = "a:new", StatusCode = 201, Attempts = [new SendAttempt(Council.Now, 201, null, null)] });
        _sender.Sends.Enqueue(Sent());

        var result = await DeliverAsync();

        Assert.Equal((SendState.Sent, 2), (result.State, result.Requests));
        var request = Assert.Single(_sender.Created);
        Assert.Equal((Id(6), Id(6).Value, "28:bot", "tenant-1", "https://smba.example/uk/"), (request.PersonId, request.UserId, request.BotId, request.TenantId, request.ServiceUrl));
        var saved = await _council.Conversations.GetAsync(Id(6));
        Assert.Equal("a:new", saved!.Reference.ConversationId);
        Assert.Equal("a:new", Assert.Single(_sender.Sent).To.ConversationId);
        var entry = await LedgerAsync();
        Assert.Equal((2, "a:new"), (entry.Attempts, entry.ConversationId));
        Assert.Equal(2, (await _ledger.GetAttemptsAsync(Message().Key)).Count);
        Assert.Contains("acquire create:" + Id(6).Value, _budget.Calls);
    }

    [Fact]
    public async Task DeliverAsync_ChatCannotBeOpenedBecauseTheAppIsNotInstalled_IsNotReachable()
    {
        _chat = new PersonalChatSettings("28:bot", "tenant-1", "https://smba.example/uk/");
        _council.Add("occ-1", 6, Council.Today);
        _sender.Creates.Enqueue(Answer(SendStatus.Stale, 403));

        var result = await DeliverAsync();

        Assert.Equal(SendState.NotReachable, result.State);
        var entry = await LedgerAsync();
        Assert.Equal((SendState.NotReachable, 403, 1), (entry.State, entry.LastStatusCode, entry.Attempts));
        Assert.Null(await _council.Conversations.GetAsync(Id(6)));
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_OpeningTheChatFailsOutright_IsFailedWithoutSending()
    {
        _chat = new PersonalChatSettings("28:bot", "tenant-1", "https://smba.example/uk/");
        _council.Add("occ-1", 6, Council.Today);
        _sender.Creates.Enqueue(Answer(SendStatus.Failed, 400, reason: "bad request"));

        var result = await DeliverAsync();

        Assert.Equal(SendState.Failed, result.State);
        Assert.Equal((SendState.Failed, 400), ((await LedgerAsync()).State, (await LedgerAsync()).LastStatusCode));
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_ChannelAnswersForbidden_MarksTheConversationStale()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Answer(SendStatus.Stale, 403, reason: "blocked the bot"));

        var result = await DeliverAsync();

        Assert.Equal(SendState.Stale, result.State);
        var stored = await _council.Conversations.GetAsync(Id(6));
        Assert.Equal((true, "blocked the bot"), (stored!.IsStale, stored.StaleReason));
        Assert.Equal((SendState.Stale, 403), ((await LedgerAsync()).State, (await LedgerAsync()).LastStatusCode));
    }

    [Fact]
    public async Task DeliverAsync_StaleWithoutAReason_SaysWhatTheChannelAnswered()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Answer(SendStatus.Stale, 404));

        await DeliverAsync();

        Assert.Equal("The channel answered 404.", (await _council.Conversations.GetAsync(Id(6)))!.StaleReason);
    }

    [Fact]
    public async Task DeliverAsync_ServiceUnavailableThenAccepted_RetriesAfterAJitteredBackoff()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Answer(SendStatus.Failed, 503));
        _sender.Sends.Enqueue(Answer(SendStatus.Failed, 502));
        _sender.Sends.Enqueue(Sent());

        var result = await DeliverAsync(random: 1);

        Assert.Equal((SendState.Sent, 3, false), (result.State, result.Requests, result.PossibleDuplicate));
        // Equal jitter with the random share at its top: the full step, 1 s then 2 s.
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _time.Delays);
        Assert.Equal((SendState.Sent, 3), ((await LedgerAsync()).State, (await LedgerAsync()).Attempts));
        Assert.DoesNotContain(_budget.Calls, c => c.StartsWith("throttled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliverAsync_BackoffWithTheRandomShareAtZero_WaitsHalfTheStepAndNeverMoreThanTheCap()
    {
        _options.RetryMaxDelay = TimeSpan.FromSeconds(3);
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Answer(SendStatus.Failed, 504));
        _sender.Sends.Enqueue(Answer(SendStatus.Failed, 412));
        _sender.Sends.Enqueue(Sent());
        _options.MaxAttemptsPerDelivery = 5;

        await DeliverAsync(random: 0);

        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], _time.Delays);
    }

    [Fact]
    public async Task DeliverAsync_ThrottledWithRetryAfter_TellsEverySenderToHoldOffAndWaitsThatLong()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Answer(SendStatus.Throttled, 429, TimeSpan.FromSeconds(7)));
        _sender.Sends.Enqueue(Sent());

        var result = await DeliverAsync();

        Assert.Equal(SendState.Sent, result.State);
        Assert.Contains("throttled 00:00:07", _budget.Calls);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Delays);
    }

    [Fact]
    public async Task DeliverAsync_NoAnswerOnEveryAttempt_GoesBackOnTheQueueMarkedAsAPossibleDuplicate()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        for (var i = 0; i < 3; i++)
        {
            _sender.Sends.Enqueue(Answer(SendStatus.Failed, null, reason: "timeout"));
        }

        var error = await Assert.ThrowsAsync<DigestRetryLaterException>(() => DeliverAsync(dequeueCount: 1));

        Assert.Contains("no answer", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _sender.Sent.Count);
        var entry = await LedgerAsync();
        Assert.Equal((SendState.Retrying, true, 3), (entry.State, entry.PossibleDuplicate, entry.Attempts));
    }

    [Fact]
    public async Task DeliverAsync_StillThrottledOnTheLastDelivery_GivesUpAsFailed()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        for (var i = 0; i < 3; i++)
        {
            _sender.Sends.Enqueue(Answer(SendStatus.Throttled, 429, TimeSpan.FromSeconds(1)));
        }

        var result = await DeliverAsync(dequeueCount: 5);

        Assert.Equal((SendState.Failed, 3), (result.State, result.Requests));
        Assert.Equal((SendState.Failed, 429), ((await LedgerAsync()).State, (await LedgerAsync()).LastStatusCode));
    }

    [Fact]
    public async Task DeliverAsync_ChannelRejectsTheMessage_FailsAtOnceWithoutRetrying()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Answer(SendStatus.Failed, 400, reason: "bad card"));

        var result = await DeliverAsync();

        Assert.Equal((SendState.Failed, 1), (result.State, result.Requests));
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task DeliverAsync_OpeningTheChatKeepsFailingTransiently_GoesBackOnTheQueue()
    {
        _chat = new PersonalChatSettings("28:bot", "tenant-1", "https://smba.example/uk/");
        _council.Add("occ-1", 6, Council.Today);
        for (var i = 0; i < 3; i++)
        {
            _sender.Creates.Enqueue(Answer(SendStatus.Failed, 503));
        }

        var error = await Assert.ThrowsAsync<DigestRetryLaterException>(() => DeliverAsync());

        Assert.Contains("(503)", error.Message, StringComparison.Ordinal);
        var entry = await LedgerAsync();
        Assert.Equal((SendState.Retrying, false), (entry.State, entry.PossibleDuplicate));
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_AnotherSenderChangesTheLedgerMeanwhile_LeavesTheDigestToIt()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        _sender.Sends.Enqueue(Sent());
        _sender.OnSend = () =>
        {
            var current = _ledger.GetAsync(Message().Key).GetAwaiter().GetResult()!;
            Assert.True(_ledger.SaveAsync(current.Value, current.Version, []).GetAwaiter().GetResult().Saved);
        };

        var error = await Assert.ThrowsAsync<DigestRetryLaterException>(() => DeliverAsync());

        Assert.Contains("another sender", error.Message, StringComparison.Ordinal);
        Assert.Equal(SendState.Sending, (await LedgerAsync()).State);
    }

    [Fact]
    public async Task DeliverAsync_EntryQueuedByTheRun_IsUsedRatherThanCreated()
    {
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
        var created = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await _ledger.CreateAsync(new SendRecord(Message().Key, SendState.Pending, 0, null, null, null, [], false, created, created));
        _sender.Sends.Enqueue(Sent());

        await DeliverAsync();

        var entry = await LedgerAsync();
        Assert.Equal((created, Council.Now), (entry.CreatedAt, entry.UpdatedAt));
    }

    [Fact]
    public async Task DeliverAsync_NullMessage_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => UseCase().DeliverAsync(null!, 1, CancellationToken.None));
    }

    [Fact]
    public void PersonalChatSettings_WithoutBotIdOrTenant_CannotOpenChats()
    {
        Assert.False(new PersonalChatSettings(null, "t", "https://x/").CanOpenChats);
        Assert.False(new PersonalChatSettings("28:b", " ", "https://x/").CanOpenChats);
        Assert.True(new PersonalChatSettings("28:b", "t", "https://x/").CanOpenChats);
    }

    internal sealed class ScriptedSender : IConversationSender
    {
        public Queue<SendOutcome> Sends { get; } = new();

        public Queue<SendOutcome> Creates { get; } = new();

        public List<(ConversationReference To, OutboundMessage Message)> Sent { get; } = [];

        public List<PersonalConversationRequest> Created { get; } = [];

        public Action? OnSend { get; set; }

        public Task<SendOutcome> SendAsync(ConversationReference conversation, OutboundMessage message, CancellationToken cancellationToken)
        {
            Sent.Add((conversation, message));
            OnSend?.Invoke();
            return Task.FromResult(Sends.Dequeue());
        }

        public Task<SendOutcome> ReplyAsync(ConversationReference conversation, string replyToActivityId, OutboundMessage message, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<SendOutcome> UpdateAsync(ConversationReference conversation, string activityId, OutboundMessage message, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<SendOutcome> PostToChannelAsync(TeamChannel channel, OutboundMessage message, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<SendOutcome> CreatePersonalConversationAsync(PersonalConversationRequest request, CancellationToken cancellationToken)
        {
            Created.Add(request);
            return Task.FromResult(Creates.Dequeue());
        }
    }

    internal sealed class RecordingBudget : ISendBudget
    {
        public List<string> Calls { get; } = [];

        public Task WaitWhileThrottledAsync(CancellationToken cancellationToken)
        {
            Calls.Add("wait");
            return Task.CompletedTask;
        }

        public ValueTask AcquireAsync(string conversationKey, CancellationToken cancellationToken)
        {
            Calls.Add("acquire " + conversationKey);
            return ValueTask.CompletedTask;
        }

        public Task ReportThrottledAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            Calls.Add("throttled " + wait.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        }
    }
}
