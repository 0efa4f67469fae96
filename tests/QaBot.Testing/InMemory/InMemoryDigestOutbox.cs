using QaBot.Application.Reminders;

namespace QaBot.Testing.InMemory;

/// <summary>
/// <see cref="IDigestOutbox"/> in memory, behaving as the Azure queue pair does: nothing can be queued before the
/// queues are created, missing queues count as empty, and operators peek at most 32 given-up digests. Tests take
/// messages off with <see cref="TakeAll"/> and give them up with <see cref="GiveUp"/>.
/// </summary>
public sealed class InMemoryDigestOutbox : IDigestOutbox
{
    private const int MaxPeek = 32;

    private readonly object _gate = new();
    private readonly List<DigestMessage> _waiting = [];
    private readonly List<GivenUpDigest> _givenUp = [];
    private readonly List<DigestMessage> _enqueued = [];
    private int _givenUpCount;
    private bool _created;

    /// <summary>Every message ever queued, in order (taking them does not remove them from here).</summary>
    public IReadOnlyList<DigestMessage> Enqueued
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

    public Task EnqueueAsync(DigestMessage message, CancellationToken cancellationToken = default)
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
            return Task.FromResult(new DigestBacklog(_waiting.Count, _givenUp.Count));
        }
    }

    public Task<IReadOnlyList<GivenUpDigest>> PeekGivenUpAsync(int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<GivenUpDigest> peeked = _givenUp.Take(Math.Clamp(max, 1, MaxPeek)).ToList();
            return Task.FromResult(peeked);
        }
    }

    /// <summary>Takes every waiting message off the queue, oldest first.</summary>
    public IReadOnlyList<DigestMessage> TakeAll()
    {
        lock (_gate)
        {
            var taken = _waiting.ToList();
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
            try
            {
                var digest = DigestMessage.Parse(text);
                _givenUp.Add(new GivenUpDigest(id, digest.RunId, digest.Person.Value, insertedOn, null));
            }
            catch (FormatException e)
            {
                _givenUp.Add(new GivenUpDigest(id, null, null, insertedOn, e.Message));
            }
        }
    }
}
