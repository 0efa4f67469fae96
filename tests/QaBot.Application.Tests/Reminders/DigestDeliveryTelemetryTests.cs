using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Application.Telemetry;
using QaBot.Testing.Connector;
using QaBot.Testing.InMemory;
using QaBot.Testing.Telemetry;
using QaBot.Testing.Time;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Reminders;

/// <summary>The reminder counters move where DigestDelivery decides each outcome, inside a digest-send span.</summary>
[Trait("Category", "Fast")]
public sealed class DigestDeliveryTelemetryTests : IDisposable
{
    private readonly Council _council = new();
    private readonly InMemorySendLedger _ledger = new();
    private readonly DigestDeliveryTests.ScriptedSender _sender = new();
    private readonly InstantDelayTimeProvider _time = new(Council.Now);
    private readonly DirectoryCache _cache;
    private readonly TelemetryRecorder _recorder = new();
    private readonly System.Diagnostics.Activity _trace;

    public DigestDeliveryTelemetryTests()
    {
        _cache = new DirectoryCache(_council.Directory, Council.Policy, _time);
        _trace = _recorder.BeginTrace();
        _council.Chat(6);
        _council.Add("occ-1", 6, Council.Today);
    }

    public void Dispose()
    {
        _trace.Dispose();
        _recorder.Dispose();
        _cache.Dispose();
    }

    private Task<DeliveryResult> DeliverAsync(long dequeueCount = 1) =>
        new DigestDelivery(
            _ledger, new StoredDigestSource(_cache, _council.Tracking, Council.Rules), new TestDigestRenderer(), _council.Conversations,
            _sender, new DigestDeliveryTests.RecordingBudget(), new PersonalChatSettings(null, null, "https://smba.example/uk/"),
            new RemindersOptions { MaxAttemptsPerDelivery = 3, MaxDequeueCount = 5 }, _time, NullLogger<DigestDelivery>.Instance, () => 0)
            .DeliverAsync(new DigestMessage("run-telemetry", Id(6), Council.Today), dequeueCount, CancellationToken.None);

    private static SendOutcome Answer(SendStatus status, int? code) => new()
    {
        Status = status,
        StatusCode = code,
        RetryAfter = code == 429 ? TimeSpan.FromSeconds(1) : null,
        Attempts = [new SendAttempt(Council.Now, code, "corr", null)],
    };

    private double Total(string instrument) => _recorder.Measurements(instrument, _trace.TraceId).Sum(m => m.Value);

    [Fact]
    public async Task DeliverAsync_Sent_CountsOneSentInADigestSendSpan()
    {
        _sender.Sends.Enqueue(Answer(SendStatus.Sent, 201));

        await DeliverAsync();

        Assert.Equal((1, 0), (Total("qabot.reminders.sent"), Total("qabot.reminders.failed")));
        var span = Assert.Single(_recorder.Activities(QaBotTelemetry.DigestSendActivity, _trace.TraceId));
        Assert.Equal(Id(6).Value, span.GetTagItem("qabot.person_id"));
    }

    [Fact]
    public async Task DeliverAsync_ChannelRejects_CountsOneFailedWithTheStatusCode()
    {
        _sender.Sends.Enqueue(Answer(SendStatus.Failed, 400));

        await DeliverAsync();

        var failed = Assert.Single(_recorder.Measurements("qabot.reminders.failed", _trace.TraceId));
        Assert.Equal(400, failed.Tags["status_code"]);
        Assert.Equal(0, Total("qabot.reminders.sent"));
    }

    [Fact]
    public async Task DeliverAsync_ThrottledUntilTheLastDelivery_CountsEachThrottleAndTheFailure()
    {
        for (var i = 0; i < 3; i++)
        {
            _sender.Sends.Enqueue(Answer(SendStatus.Throttled, 429));
        }

        await DeliverAsync(dequeueCount: 5);

        Assert.Equal((3, 1), (Total("qabot.reminders.throttled"), Total("qabot.reminders.failed")));
    }

    [Fact]
    public async Task DeliverAsync_LedgerLeftSending_CountsAPossibleDuplicate()
    {
        await _ledger.CreateAsync(new SendRecord(new DigestMessage("run-telemetry", Id(6), Council.Today).Key, SendState.Sending, 1, null, null, null, [], false, Council.Now.AddHours(-1), Council.Now.AddHours(-1)));
        _sender.Sends.Enqueue(Answer(SendStatus.Sent, 201));

        await DeliverAsync(dequeueCount: 2);

        var duplicate = Assert.Single(_recorder.Measurements("qabot.reminders.possible_duplicates", _trace.TraceId));
        Assert.Equal("left_sending", duplicate.Tags["reason"]);
    }

    [Fact]
    public async Task DeliverAsync_NoAnswerOnEveryAttempt_CountsOnePossibleDuplicate()
    {
        for (var i = 0; i < 3; i++)
        {
            _sender.Sends.Enqueue(Answer(SendStatus.Failed, null));
        }

        await Assert.ThrowsAsync<DigestRetryLaterException>(() => DeliverAsync());

        Assert.Equal(1, Total("qabot.reminders.possible_duplicates"));
    }
}
