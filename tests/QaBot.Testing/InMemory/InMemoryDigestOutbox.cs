using QaBot.Application.Reminders;

namespace QaBot.Testing.InMemory;

/// <summary>
/// <see cref="IDigestOutbox"/> in memory, behaving as the Azure queue pair does: nothing can be queued before the
/// queues are created, missing queues count as empty, and operators peek at most 32 given-up messages. Tests take
/// messages off with <see cref="TakeAll"/> and give them up with <see cref="GiveUp"/>.
/// </summary>
public sealed class InMemoryDigestOutbox : IDigestOutbox
{
    private const int MaxPeek = 32;

    private readonly object _gate = new();
    private readonly List<DigestBundle> _waiting = [];
    private readonly List<GivenUpDigest> _givenUp = [];
    private readonly List<DigestBundle> _enqueued = [];
    private int _givenUpCount;
    private bool _created;

    /// <summary>Every digest ever queued, in order, whatever message it went in (taking them does not remove them from here).</summary>
    public IReadOnlyList<DigestMessage> Enqueued
    {
        get
        {
            lock (_gate)
            {
                return [.. _enqueued.SelectMany(m => m.Digests)];
            }
        }
    }

    /// <summary>The queue messages put on the queue, each with its digests.</summary>
    public IReadOnlyList<DigestBundle> EnqueuedMessages
    {
        get
        {
            lock (_gate)
            {
                return [.. _enqueued];
            }
        }
    }

    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _created = true;
        }

        return Task.CompletedTask;
    }

    public Task EnqueueAsync(DigestBundle message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (!_created)
            {
                throw new InvalidOperationException("The digest queue does not exist: create it first.");
            }

            _waiting.Add(message);
            _enqueued.Add(message);
        }

        return Task.CompletedTask;
    }

    public Task<DigestBacklog> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new DigestBacklog(_waiting.Count, _givenUp.DistinctBy(g => g.MessageId).Count()));
        }
    }

    public Task<IReadOnlyList<GivenUpDigest>> PeekGivenUpAsync(int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<GivenUpDigest> peeked = _givenUp.GroupBy(g => g.MessageId).Take(Math.Clamp(max, 1, MaxPeek)).SelectMany(g => g).ToList();
            return Task.FromResult(peeked);
        }
    }

    /// <summary>Takes every waiting message off the queue, oldest first, and returns their digests.</summary>
    public IReadOnlyList<DigestMessage> TakeAll()
    {
        lock (_gate)
        {
            var taken = _waiting.SelectMany(m => m.Digests).ToList();
            _waiting.Clear();
            return taken;
        }
    }

    /// <summary>Puts a message's text where digests go after their last attempt, as the queue host does; text that is not a digest message is described as unreadable.</summary>
    public void GiveUp(string text, DateTimeOffset insertedOn)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            if (!_created)
            {
                throw new InvalidOperationException("The poison queue does not exist: create it first.");
            }

            var id = "given-up-" + (++_givenUpCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _givenUp.AddRange(GivenUpDigest.Of(id, text, insertedOn));
        }
    }
}
