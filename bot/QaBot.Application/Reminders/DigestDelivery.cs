using System.Diagnostics;
using Microsoft.Extensions.Logging;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Telemetry;
using QaBot.Core;
using QaBot.Core.Scheduling;

namespace QaBot.Application.Reminders;

/// <summary>
/// Delivers one digest from the queue: the queue trigger's (and the local sender's) one call. The send ledger makes
/// a redelivered message harmless: a digest already in a final state is not sent again. Around the one call that
/// cannot be repeated safely (the Bot Connector has no idempotency key) the ledger records "sending" just before and
/// "sent" just after, so the only way to send twice is a process dying between the two; a redelivery that finds
/// "sending" sends again and marks the digest a possible duplicate, which operators see, rather than risk a person
/// missing it.
/// </summary>
public sealed partial class DigestDelivery
{
    private readonly ISendLedger _ledger;
    private readonly IDigestSource _digests;
    private readonly IDigestRenderer _renderer;
    private readonly IConversationReferenceStore _conversations;
    private readonly IConversationSender _sender;
    private readonly ISendBudget _budget;
    private readonly PersonalChatSettings _chat;
    private readonly RemindersOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _random;

    public DigestDelivery(
        ISendLedger ledger,
        IDigestSource digests,
        IDigestRenderer renderer,
        IConversationReferenceStore conversations,
        IConversationSender sender,
        ISendBudget budget,
        PersonalChatSettings chat,
        RemindersOptions options,
        TimeProvider time,
        ILogger<DigestDelivery> logger,
        Func<double>? random = null)
    {
        _ledger = ledger;
        _digests = digests;
        _renderer = renderer;
        _conversations = conversations;
        _sender = sender;
        _budget = budget;
        _chat = chat;
        _options = options;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>
    /// Delivers the digest. Expected outcomes (sent, stale, not reachable, failed after the last try) are recorded
    /// in the ledger and returned. Throws <see cref="DigestRetryLaterException"/> when the message should go back on
    /// the queue for a later try, and lets storage failures through (the queue retries them, then poisons the message).
    /// </summary>
    /// <param name="dequeueCount">How many times the queue has handed out this message, this time included.</param>
    public Task<DeliveryResult> DeliverAsync(DigestMessage message, long dequeueCount, CancellationToken cancellationToken) =>
        DeliverAsync(message, dequeueCount, DeliveryBatch.None, cancellationToken);

    /// <summary>
    /// Delivers every digest of one queue message side by side (the queue trigger's one call), having read their
    /// ledger entries and conversations together. Each digest's outcome is recorded as <see cref="DeliverAsync(DigestMessage, long, CancellationToken)"/>
    /// records it. When a digest must go back on the queue or failed, the others still finish, and then the first such
    /// exception is thrown, so the queue hands the message out again and the digests already done are passed over.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryResult>> DeliverAllAsync(DigestBundle message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var digests = message.Digests;
        var batch = await ReadBatchAsync(digests, cancellationToken).ConfigureAwait(false);
        return await Task.WhenAll(digests.Select(d => DeliverAsync(d, dequeueCount, batch, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Reads what the messages taken from the queue together need (their ledger entries and conversations) in one go.</summary>
    public Task<DeliveryBatch> ReadBatchAsync(IReadOnlyCollection<DigestMessage> messages, CancellationToken cancellationToken) =>
        DeliveryBatch.ReadAsync(messages, _ledger, _conversations, cancellationToken);

    /// <summary>As <see cref="DeliverAsync(DigestMessage, long, CancellationToken)"/>, using what <paramref name="batch"/> read for the message.</summary>
    public async Task<DeliveryResult> DeliverAsync(DigestMessage message, long dequeueCount, DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RunId"] = message.RunId, ["PersonId"] = message.Person.Value });
        using var activity = QaBotTelemetry.Source.StartActivity(QaBotTelemetry.DigestSendActivity);
        activity?.SetTag("qabot.run_id", message.RunId);
        activity?.SetTag("qabot.person_id", message.Person.Value);
        activity?.SetTag("qabot.dequeue_count", dequeueCount);
        var entry = await GetOrCreateAsync(message, batch, cancellationToken).ConfigureAwait(false);
        if (entry.Value.IsFinal)
        {
            LogAlreadyFinal(message.RunId, message.Person.Value, entry.Value.State);
            return new DeliveryResult(message.Key, entry.Value.State, entry.Value.ActivityId, AlreadyFinal: true, entry.Value.PossibleDuplicate, 0);
        }

        if (entry.Value.State == SendState.Sending && _time.GetUtcNow() - entry.Value.UpdatedAt < _options.SendingLease)
        {
            // Another sender wrote "sending" moments ago and is still at it (the same digest queued twice, by a run that
            // resumed): come back when it has finished rather than send alongside it.
            throw new DigestRetryLaterException($"Digest {message.Key} is being sent by another sender.");
        }

        var work = new Work(message, entry, dequeueCount);
        if (entry.Value.State == SendState.Sending)
        {
            // The last try wrote "sending" and never recorded what happened: Teams may have shown the card already.
            work.PossibleDuplicate = true;
            QaBotTelemetry.RemindersPossiblyDuplicated.Add(1, new KeyValuePair<string, object?>("reason", "left_sending"));
            LogPossibleDuplicate(message.RunId, message.Person.Value);
        }

        var digest = await _digests.ComposeAsync(message.Person, message.AsOf, message.RunId, cancellationToken).ConfigureAwait(false);
        if (digest is null || digest.IsEmpty)
        {
            await SaveAsync(work, SendState.Skipped, null, [], cancellationToken).ConfigureAwait(false);
            return work.Result(SendState.Skipped);
        }

        work.Items = [.. digest.OwnItems.Select(i => i.Item.Id), .. digest.Escalated.Select(i => i.Item.Id)];
        var conversation = await ResolveConversationAsync(work, batch, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            return work.Result(work.Entry.Value.State);
        }

        work.ConversationId = conversation.ConversationId;
        var outbound = _renderer.Render(digest);
        var outcome = await TryAsync(work, conversation.ConversationId, isSend: true, ct => _sender.SendAsync(conversation, outbound, ct), cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case SendStatus.Sent:
                await SaveAsync(work, SendState.Sent, outcome, outcome.Attempts, cancellationToken, outcome.ActivityId).ConfigureAwait(false);
                QaBotTelemetry.RemindersSent.Add(1);
                LogSent(message.RunId, message.Person.Value, outcome.ActivityId ?? "-");
                return work.Result(SendState.Sent, outcome.ActivityId);
            case SendStatus.Stale:
                await _conversations.MarkStaleAsync(message.Person, outcome.Reason ?? $"The channel answered {outcome.StatusCode}.", _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await SaveAsync(work, SendState.Stale, outcome, outcome.Attempts, cancellationToken).ConfigureAwait(false);
                LogStale(message.RunId, message.Person.Value, outcome.StatusCode ?? 0);
                return work.Result(SendState.Stale);
            default:
                return await GiveUpOrRetryLaterAsync(work, outcome, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Versioned<SendRecord>> GetOrCreateAsync(DigestMessage message, DeliveryBatch batch, CancellationToken cancellationToken)
    {
        var entry = batch.TryGetEntry(message.Key, out var read) ? read : await _ledger.GetAsync(message.Key, cancellationToken).ConfigureAwait(false);
        if (entry is not null)
        {
            return entry;
        }

        // A message queued without a ledger entry (the run creates one first, but a message may be re-queued by hand).
        var now = _time.GetUtcNow();
        var pending = new SendRecord(message.Key, SendState.Pending, 0, null, null, null, [], false, now, now);
        var created = await _ledger.CreateAsync(pending, cancellationToken).ConfigureAwait(false);
        if (created.Saved)
        {
            return new Versioned<SendRecord>(pending, created.Version!);
        }

        return await _ledger.GetAsync(message.Key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The send ledger entry for {message.Key} could not be read back.");
    }

    /// <summary>The person's conversation, opening a 1:1 chat when there is none; null when none can be had (recorded in the ledger).</summary>
    private async Task<ConversationReference?> ResolveConversationAsync(Work work, DeliveryBatch batch, CancellationToken cancellationToken)
    {
        var person = work.Message.Person;
        var stored = batch.TryGetConversation(person, out var read) ? read : await _conversations.GetAsync(person, cancellationToken).ConfigureAwait(false);
        if (stored is { IsStale: true })
        {
            // 403/404 before: retrying would fail the same way until the app is installed again.
            await SaveAsync(work, SendState.Stale, null, [], cancellationToken).ConfigureAwait(false);
            LogSkippedStale(work.Message.RunId, person.Value);
            return null;
        }

        if (stored is not null)
        {
            return stored.Reference;
        }

        if (!_chat.CanOpenChats)
        {
            await SaveAsync(work, SendState.NotReachable, null, [], cancellationToken).ConfigureAwait(false);
            LogNotReachable(work.Message.RunId, person.Value, "no conversation, and Bot:AppId or Bot:TenantId is not set");
            return null;
        }

        // Teams accepts the Entra object id for a personal chat with someone who has the app installed.
        var request = new PersonalConversationRequest(person, _chat.ChannelId, _chat.ServiceUrl, person.Value, _chat.BotId!, _chat.TenantId!);
        var created = await TryAsync(work, "create:" + person.Value, isSend: false, ct => _sender.CreatePersonalConversationAsync(request, ct), cancellationToken).ConfigureAwait(false);
        switch (created.Status)
        {
            case SendStatus.Sent:
                var reference = request.ToReference(created.ConversationId!);
                await _conversations.SaveAsync(reference, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                work.PendingAttempts.AddRange(created.Attempts);
                return reference;
            case SendStatus.Stale:
                await SaveAsync(work, SendState.NotReachable, created, created.Attempts, cancellationToken).ConfigureAwait(false);
                LogNotReachable(work.Message.RunId, person.Value, "app not installed");
                return null;
            default:
                await GiveUpOrRetryLaterAsync(work, created, cancellationToken).ConfigureAwait(false);
                return null;
        }
    }

    /// <summary>
    /// Makes one call within the send budget (the shared throttle and the rates), retrying 412/429/502/503/504 and lost
    /// answers up to the attempts allowed, honouring Retry-After. Returns the last outcome.
    /// </summary>
    private async Task<SendOutcome> TryAsync(Work work, string conversationKey, bool isSend, Func<CancellationToken, Task<SendOutcome>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _budget.WaitWhileThrottledAsync(cancellationToken).ConfigureAwait(false);
            if (isSend)
            {
                await SaveAsync(work, SendState.Sending, null, [], cancellationToken).ConfigureAwait(false);
            }

            await _budget.AcquireAsync(conversationKey, cancellationToken).ConfigureAwait(false);
            var outcome = await call(cancellationToken).ConfigureAwait(false);
            work.Requests += Math.Max(1, outcome.Attempts.Count);
            if (outcome.Status is SendStatus.Sent or SendStatus.Stale)
            {
                return outcome;
            }

            var transient = outcome.StatusCode is null or 412 or 429 or 502 or 503 or 504;
            if (!transient)
            {
                return outcome;
            }

            if (isSend && outcome.StatusCode is null)
            {
                // No answer: Teams may have accepted the message before the connection failed.
                if (!work.PossibleDuplicate)
                {
                    QaBotTelemetry.RemindersPossiblyDuplicated.Add(1, new KeyValuePair<string, object?>("reason", "no_answer"));
                }

                work.PossibleDuplicate = true;
            }

            var wait = outcome.RetryAfter ?? Backoff(attempt);
            if (outcome.StatusCode == 429)
            {
                QaBotTelemetry.RemindersThrottled.Add(1);
                await _budget.ReportThrottledAsync(wait, cancellationToken).ConfigureAwait(false);
            }

            if (attempt >= _options.MaxAttemptsPerDelivery)
            {
                return outcome;
            }

            LogRetrying(work.Message.RunId, work.Message.Person.Value, outcome.StatusCode ?? 0, wait);
            await SaveAsync(work, SendState.Retrying, outcome, outcome.Attempts, cancellationToken).ConfigureAwait(false);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DeliveryResult> GiveUpOrRetryLaterAsync(Work work, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var transient = outcome.StatusCode is null or 412 or 429 or 502 or 503 or 504;
        if (transient && work.DequeueCount < _options.MaxDequeueCount)
        {
            await SaveAsync(work, SendState.Retrying, outcome, outcome.Attempts, cancellationToken).ConfigureAwait(false);
            LogRetryLater(work.Message.RunId, work.Message.Person.Value, outcome.StatusCode ?? 0, work.DequeueCount);
            throw new DigestRetryLaterException($"Digest {work.Message.Key} is still failing ({outcome.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}); it goes back on the queue.");
        }

        await SaveAsync(work, SendState.Failed, outcome, outcome.Attempts, cancellationToken).ConfigureAwait(false);
        QaBotTelemetry.RemindersFailed.Add(1, new KeyValuePair<string, object?>("status_code", outcome.StatusCode ?? 0));
        Activity.Current?.SetStatus(ActivityStatusCode.Error, "failed");
        LogFailed(work.Message.RunId, work.Message.Person.Value, outcome.StatusCode ?? 0, outcome.Reason ?? "-");
        return work.Result(SendState.Failed);
    }

    /// <summary>Writes the next state conditionally on the one read; a conflict means another sender is on it.</summary>
    private async Task SaveAsync(Work work, SendState state, SendOutcome? outcome, IReadOnlyList<SendAttempt> attempts, CancellationToken cancellationToken, string? activityId = null)
    {
        var all = attempts;
        if (work.PendingAttempts.Count > 0 && state != SendState.Sending)
        {
            all = [.. work.PendingAttempts, .. attempts];
            work.PendingAttempts.Clear();
        }

        var current = work.Entry.Value;
        var next = current with
        {
            State = state,
            Attempts = current.Attempts + all.Count,
            LastStatusCode = outcome?.StatusCode ?? current.LastStatusCode,
            ActivityId = activityId ?? current.ActivityId,
            ConversationId = work.ConversationId ?? current.ConversationId,
            Items = work.Items ?? current.Items,
            PossibleDuplicate = current.PossibleDuplicate || work.PossibleDuplicate,
            UpdatedAt = _time.GetUtcNow(),
        };
        var saved = await _ledger.SaveAsync(next, work.Entry.Version, all, cancellationToken).ConfigureAwait(false);
        if (!saved.Saved)
        {
            LogLedgerConflict(work.Message.RunId, work.Message.Person.Value);
            throw new DigestRetryLaterException($"Digest {work.Message.Key} changed in the send ledger meanwhile: another sender is working on it.");
        }

        work.Entry = new Versioned<SendRecord>(next, saved.Version!);
    }

    /// <summary>Half the exponential step plus a random share of the other half ("equal jitter"), capped.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = Math.Min(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)), _options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((step / 2) + (Math.Clamp(_random(), 0, 1) * step / 2));
    }

    private sealed class Work(DigestMessage message, Versioned<SendRecord> entry, long dequeueCount)
    {
        public DigestMessage Message { get; } = message;

        public Versioned<SendRecord> Entry { get; set; } = entry;

        public long DequeueCount { get; } = dequeueCount;

        public bool PossibleDuplicate { get; set; }

        public IReadOnlyList<OccurrenceId>? Items { get; set; }

        public string? ConversationId { get; set; }

        public int Requests { get; set; }

        /// <summary>Attempts made (opening the chat) not yet written to the ledger.</summary>
        public List<SendAttempt> PendingAttempts { get; } = [];

        public DeliveryResult Result(SendState state, string? activityId = null) =>
            new(Message.Key, state, activityId, AlreadyFinal: false, Entry.Value.PossibleDuplicate || PossibleDuplicate, Requests);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Digest {RunId}/{PersonId} sent as activity {ActivityId}")]
    private partial void LogSent(string runId, string personId, string activityId);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Digest {RunId}/{PersonId} is already {State} in the send ledger: not sent again")]
    private partial void LogAlreadyFinal(string runId, string personId, SendState state);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Digest {RunId}/{PersonId} was left 'sending' by a try that stopped: sending again, marked as a possible duplicate")]
    private partial void LogPossibleDuplicate(string runId, string personId);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Digest {RunId}/{PersonId}: the conversation is stale ({StatusCode}); marked for operators")]
    private partial void LogStale(string runId, string personId, int statusCode);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Digest {RunId}/{PersonId}: not reachable ({Why})")]
    private partial void LogNotReachable(string runId, string personId, string why);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "Digest {RunId}/{PersonId}: answered {StatusCode}, trying again in {Wait}")]
    private partial void LogRetrying(string runId, string personId, int statusCode, TimeSpan wait);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Warning, Message = "Digest {RunId}/{PersonId}: still answered {StatusCode} on delivery {DequeueCount}; back on the queue for later")]
    private partial void LogRetryLater(string runId, string personId, int statusCode, long dequeueCount);

    [LoggerMessage(EventId = 6108, Level = LogLevel.Error, Message = "Digest {RunId}/{PersonId} failed ({StatusCode}): {Reason}")]
    private partial void LogFailed(string runId, string personId, int statusCode, string reason);

    [LoggerMessage(EventId = 6109, Level = LogLevel.Warning, Message = "Digest {RunId}/{PersonId} changed in the send ledger while being delivered: left for the other sender")]
    private partial void LogLedgerConflict(string runId, string personId);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Digest {RunId}/{PersonId}: the conversation was marked stale earlier; not sent")]
    private partial void LogSkippedStale(string runId, string personId);
}
