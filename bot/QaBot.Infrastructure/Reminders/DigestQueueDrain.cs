using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using QaBot.Application.Configuration;
using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// The sender without a Functions host (<c>qabot tick</c>, and the bot process in local development): takes digest
/// messages from the queue and delivers them with the same <see cref="DigestDelivery"/> the queue trigger calls,
/// behaving as the Functions host does: a message is deleted once delivered; kept hidden while it is worked on; put
/// back for a later try on <see cref="DigestRetryLaterException"/> or an error; and moved to the poison queue after
/// an error on its last allowed delivery (<see cref="RemindersOptions.MaxDequeueCount"/>).
/// </summary>
public sealed partial class DigestQueueDrain
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    private readonly AzureDigestOutbox _queue;
    private readonly DigestDelivery _delivery;
    private readonly RemindersOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DigestQueueDrain(AzureDigestOutbox queue, DigestDelivery delivery, RemindersOptions options, TimeProvider time, ILogger<DigestQueueDrain> logger)
    {
        _queue = queue;
        _delivery = delivery;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>How long a message that failed stays hidden before its next try (host.json's <c>visibilityTimeout</c> in Azure).</summary>
    public TimeSpan RetryDelay => _options.RetryMaxDelay;

    /// <summary>
    /// Delivers until the queue is empty, hidden messages included (<paramref name="continuous"/> false), or until
    /// cancelled (true). Cancellation stops at once, leaving messages in flight to reappear on the queue, as a process
    /// that stops would.
    /// </summary>
    public async Task<DrainSummary> RunAsync(bool continuous, Action<DeliveryResult>? onDelivered, CancellationToken cancellationToken)
    {
        var results = new ConcurrentQueue<DeliveryResult>();
        Action<DeliveryResult> delivered = result =>
        {
            results.Enqueue(result);
            onDelivered?.Invoke(result);
        };
        var putBack = 0;
        var poisoned = 0;
        var lastPutBack = long.MinValue;
        var inFlight = new ConcurrentDictionary<string, Holder>();
        using var slots = new SemaphoreSlim(_options.SendConcurrency, _options.SendConcurrency);
        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(inFlight, stopRenewing.Token);
        var running = new List<Task>();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                running.RemoveAll(t => t.IsCompleted);
                var free = slots.CurrentCount;
                // Enough messages to fill the free slots, at the digests a message usually holds; the rest wait for slots.
                var perMessage = Math.Max(1, _options.DigestsPerMessage);
                var batch = free == 0 ? [] : await _queue.ReceiveAsync(Math.Min((free + perMessage - 1) / perMessage, 32), _options.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    if (free == 0 || running.Count > 0)
                    {
                        await Task.WhenAny([Task.WhenAny(running.DefaultIfEmpty(Task.CompletedTask)), Task.Delay(IdlePoll, _time, cancellationToken)]).ConfigureAwait(false);
                        continue;
                    }

                    // A message put back is hidden until its next try, and a queue may not count hidden messages: wait for it.
                    var sincePutBack = Interlocked.Read(ref lastPutBack) == long.MinValue ? TimeSpan.MaxValue : _time.GetElapsedTime(Interlocked.Read(ref lastPutBack));
                    if (!continuous && sincePutBack > RetryDelay + IdlePoll && (await _queue.GetBacklogAsync(cancellationToken).ConfigureAwait(false)).Waiting == 0)
                    {
                        break;
                    }

                    await Task.Delay(IdlePoll, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // Every message taken is kept hidden from the start, though its digests may wait for slots.
                var holders = batch.Select(m => new Holder(m)).ToList();
                foreach (var holder in holders)
                {
                    inFlight[holder.Message.MessageId] = holder;
                }

                foreach (var holder in holders)
                {
                    var (bundle, unreadable) = TryParse(holder.Message.Text);
                    var digests = bundle?.Digests ?? [];

                    // The message's ledger entries and conversations are read together just before its digests start.
                    var together = digests.Count == 0 ? DeliveryBatch.None : await ReadTogetherAsync(digests, cancellationToken).ConfigureAwait(false);
                    var sends = new List<Task<Exception?>>();
                    foreach (var digest in digests)
                    {
                        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                        var send = SendAsync(digest, holder.Message.DequeueCount, together, slots, delivered, cancellationToken);
                        sends.Add(send);
                        running.Add(send);
                    }

                    running.Add(Task.Run(
                        async () =>
                        {
                            try
                            {
                                var failures = unreadable is not null ? [unreadable] : (await Task.WhenAll(sends).ConfigureAwait(false)).OfType<Exception>().ToList();
                                switch (await FinishAsync(holder, failures, cancellationToken).ConfigureAwait(false))
                                {
                                    case true:
                                        break;
                                    case false:
                                        Interlocked.Increment(ref putBack);
                                        Interlocked.Exchange(ref lastPutBack, _time.GetTimestamp());
                                        break;
                                    default:
                                        Interlocked.Increment(ref poisoned);
                                        break;
                                }
                            }
                            finally
                            {
                                inFlight.TryRemove(new KeyValuePair<string, Holder>(holder.Message.MessageId, holder));
                                holder.Dispose();
                            }
                        },
                        CancellationToken.None));
                }
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
        finally
        {
            // However the loop ended, nothing it started outlives the drain: the slots and renewals go with it.
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await stopRenewing.CancelAsync().ConfigureAwait(false);
            try
            {
                await renewing.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped with the drain.
            }
        }

        return new DrainSummary([.. results], putBack, poisoned);
    }

    /// <summary>
    /// Ends a message once each of its digests has been delivered or has failed: deleted when none failed; else put back
    /// for a later try (false), or moved to the poison queue after an error on its last allowed delivery (null). The
    /// digests already done are passed over when it comes back, by their ledger entries. A delete, put-back or move that
    /// fails is logged and counted as put back: the message reappears when its visibility runs out.
    /// </summary>
    private async Task<bool?> FinishAsync(Holder holder, List<Exception> failures, CancellationToken cancellationToken)
    {
        try
        {
            return await EndAsync(holder, failures, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The message reappears when its visibility runs out and is tried again; the ledger passes over what went.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNotFinished(e, holder.Message.MessageId);
            return false;
        }
    }

    /// <summary>One digest of a message, sent in a slot of its own: null when delivered, else the failure its message answers for.</summary>
    private Task<Exception?> SendAsync(DigestMessage digest, long dequeueCount, DeliveryBatch together, SemaphoreSlim slots, Action<DeliveryResult> delivered, CancellationToken cancellationToken) => Task.Run(
        async () =>
        {
            try
            {
                delivered(await _delivery.DeliverAsync(digest, dequeueCount, together, cancellationToken).ConfigureAwait(false));
                return (Exception?)null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: leave the message to reappear when its visibility runs out, as after a crash.
                throw;
            }
#pragma warning disable CA1031 // Any failure of one digest is the queue's business for its message (retry, then poison), as under the Functions host.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return e;
            }
            finally
            {
                slots.Release();
            }
        },
        CancellationToken.None);

    private async Task<bool?> EndAsync(Holder holder, List<Exception> failures, CancellationToken cancellationToken)
    {
        var message = holder.Message;
        if (failures.Count == 0)
        {
            await holder.UseAsync(m => _queue.DeleteAsync(m, cancellationToken)).ConfigureAwait(false);
            return true;
        }

        if (failures.FirstOrDefault(e => e is not DigestRetryLaterException) is not { } error)
        {
            await holder.UseAsync(m => _queue.HideAsync(m, RetryDelay, cancellationToken)).ConfigureAwait(false);
            return false;
        }

        if (message.DequeueCount >= _options.MaxDequeueCount)
        {
            LogPoisoned(error, message.MessageId, message.DequeueCount);
            await holder.UseAsync(m => _queue.MoveToPoisonAsync(m, cancellationToken)).ConfigureAwait(false);
            return null;
        }

        LogFailedWillRetry(error, message.MessageId, message.DequeueCount);
        await holder.UseAsync(m => _queue.HideAsync(m, RetryDelay, cancellationToken)).ConfigureAwait(false);
        return false;
    }

    /// <summary>The message's digests, or what is wrong with a message that is not one of ours (it fails, and in the end is poisoned).</summary>
    private static (DigestBundle? Bundle, FormatException? Problem) TryParse(string text)
    {
        try
        {
            return (DigestBundle.Parse(text), null);
        }
        catch (FormatException e)
        {
            return (null, e);
        }
    }

    private async Task<DeliveryBatch> ReadTogetherAsync(IReadOnlyList<DigestMessage> digests, CancellationToken cancellationToken)
    {
        try
        {
            return await _delivery.ReadBatchAsync(digests, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Each digest then reads for itself and its failure takes the queue's usual path.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchReadFailed(e, digests.Count);
            return DeliveryBatch.None;
        }
    }

    private async Task RenewAsync(ConcurrentDictionary<string, Holder> inFlight, CancellationToken cancellationToken)
    {
        var every = _options.VisibilityTimeout / 2;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(every, _time, cancellationToken).ConfigureAwait(false);
            foreach (var holder in inFlight.Values)
            {
                try
                {
                    await holder.RenewAsync(m => _queue.HideAsync(m, _options.VisibilityTimeout, cancellationToken)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (ObjectDisposedException)
                {
                    // Finished while this renewal waited.
                }
#pragma warning disable CA1031 // A renewal that fails only means the message may be delivered again; the ledger makes that harmless.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogRenewFailed(e, holder.Message.MessageId);
                }
            }
        }
    }

    /// <summary>The latest pop receipt of a message in flight: every renewal replaces it, and delete must use the newest.</summary>
    private sealed class Holder(QueuedDigest message) : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private QueuedDigest _current = message;
        private bool _finished;

        public QueuedDigest Message => _current;

        public async Task RenewAsync(Func<QueuedDigest, Task<QueuedDigest>> renew)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_finished)
                {
                    _current = await renew(_current).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task UseAsync(Func<QueuedDigest, Task> finish)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                _finished = true;
                await finish(_current).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose() => _gate.Dispose();
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Error, Message = "Queue message {MessageId} failed on delivery {DequeueCount}, the last allowed: moved to the poison queue")]
    private partial void LogPoisoned(Exception exception, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Queue message {MessageId} failed on delivery {DequeueCount}; it will be tried again")]
    private partial void LogFailedWillRetry(Exception exception, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "Could not read the ledger entries and conversations of {Count} digests together; each reads its own")]
    private partial void LogBatchReadFailed(Exception exception, int count);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "Could not delete, put back or poison queue message {MessageId}; it reappears when its visibility runs out and is tried again")]
    private partial void LogNotFinished(Exception exception, string messageId);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Could not keep queue message {MessageId} hidden; it may be delivered again")]
    private partial void LogRenewFailed(Exception exception, string messageId);
}
