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
                var batch = free == 0 ? [] : await _queue.ReceiveAsync(Math.Min(free, 32), _options.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
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

                var together = await ReadTogetherAsync(batch, cancellationToken).ConfigureAwait(false);
                foreach (var message in batch)
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    var holder = new Holder(message);
                    inFlight[message.MessageId] = holder;
                    running.Add(Task.Run(
                        async () =>
                        {
                            try
                            {
                                var outcome = await ProcessAsync(holder, together, cancellationToken).ConfigureAwait(false);
                                switch (outcome)
                                {
                                    case DeliveryResult result:
                                        results.Enqueue(result);
                                        onDelivered?.Invoke(result);
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
                                inFlight.TryRemove(message.MessageId, out _);
                                holder.Dispose();
                                slots.Release();
                            }
                        },
                        CancellationToken.None));
                }
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
        finally
        {
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

    /// <summary>Delivers one message: the result, false when it went back on the queue, or null when it was poisoned.</summary>
    private async Task<object?> ProcessAsync(Holder holder, DeliveryBatch together, CancellationToken cancellationToken)
    {
        var message = holder.Message;
        try
        {
            var digest = DigestMessage.Parse(message.Text);
            var result = await _delivery.DeliverAsync(digest, message.DequeueCount, together, cancellationToken).ConfigureAwait(false);
            await holder.UseAsync(m => _queue.DeleteAsync(m, cancellationToken)).ConfigureAwait(false);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: leave the message to reappear when its visibility runs out, as after a crash.
            throw;
        }
        catch (DigestRetryLaterException)
        {
            await holder.UseAsync(m => _queue.HideAsync(m, RetryDelay, cancellationToken)).ConfigureAwait(false);
            return false;
        }
#pragma warning disable CA1031 // Any failure of one message is the queue's business (retry, then poison), as under the Functions host.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                LogPoisoned(e, message.MessageId, message.DequeueCount);
                await holder.UseAsync(m => _queue.MoveToPoisonAsync(m, cancellationToken)).ConfigureAwait(false);
                return null;
            }

            LogFailedWillRetry(e, message.MessageId, message.DequeueCount);
            await holder.UseAsync(m => _queue.HideAsync(m, RetryDelay, cancellationToken)).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// Reads the ledger entries and conversations of the messages taken together in one go (a few queries instead of
    /// two point reads each). If that read fails, each message reads for itself and meets the failure there, where
    /// the queue's retries handle it.
    /// </summary>
    private async Task<DeliveryBatch> ReadTogetherAsync(IReadOnlyList<QueuedDigest> batch, CancellationToken cancellationToken)
    {
        var messages = new List<DigestMessage>(batch.Count);
        foreach (var queued in batch)
        {
            try
            {
                messages.Add(DigestMessage.Parse(queued.Text));
            }
            catch (FormatException)
            {
                // Not one of ours: its own delivery reports it and poisons it in the end.
            }
        }

        try
        {
            return await _delivery.ReadBatchAsync(messages, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Each message then reads for itself and its failure takes the queue's usual path.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchReadFailed(e, batch.Count);
            return DeliveryBatch.None;
        }
    }

    /// <summary>Keeps messages being worked on hidden, renewing them every half visibility timeout.</summary>
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

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "Could not read the ledger entries and conversations of {Count} queue messages together; each reads its own")]
    private partial void LogBatchReadFailed(Exception exception, int count);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Could not keep queue message {MessageId} hidden; it may be delivered again")]
    private partial void LogRenewFailed(Exception exception, string messageId);
}
