using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Core;
using QaBot.Core.Organisation;

namespace QaBot.Application.Reminders;

/// <summary>
/// What a batch of digest messages taken from the queue together needs from storage, read in one go after they were
/// taken: their send ledger entries, then the recipients' conversations, each a point read, several at once. Read after the
/// messages were taken, it is as fresh as a point read per message would be, so the ledger's guarantees hold.
/// </summary>
public sealed class DeliveryBatch
{
    private readonly HashSet<DigestKey> _entriesRead;
    private readonly IReadOnlyDictionary<DigestKey, Versioned<SendRecord>> _entries;
    private readonly HashSet<PersonId> _conversationsRead;
    private readonly IReadOnlyDictionary<PersonId, StoredConversation> _conversations;

    private DeliveryBatch(
        HashSet<DigestKey> entriesRead,
        IReadOnlyDictionary<DigestKey, Versioned<SendRecord>> entries,
        HashSet<PersonId> conversationsRead,
        IReadOnlyDictionary<PersonId, StoredConversation> conversations)
    {
        _entriesRead = entriesRead;
        _entries = entries;
        _conversationsRead = conversationsRead;
        _conversations = conversations;
    }

    /// <summary>Nothing read ahead: each digest reads what it needs itself.</summary>
    public static DeliveryBatch None { get; } = new([], new Dictionary<DigestKey, Versioned<SendRecord>>(), [], new Dictionary<PersonId, StoredConversation>());

    /// <summary>Reads the ledger entries and the conversations of the messages.</summary>
    public static async Task<DeliveryBatch> ReadAsync(IReadOnlyCollection<DigestMessage> messages, ISendLedger ledger, IConversationReferenceStore conversations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(conversations);
        var entries = new Dictionary<DigestKey, Versioned<SendRecord>>();
        foreach (var run in messages.GroupBy(m => m.RunId, StringComparer.Ordinal))
        {
            var found = await ledger.GetManyAsync(run.Key, run.Select(m => m.Person).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var (person, entry) in found)
            {
                entries[new DigestKey(run.Key, person)] = entry;
            }
        }

        var people = messages.Select(m => m.Person).Distinct().ToList();
        var stored = await conversations.GetManyAsync(people, cancellationToken).ConfigureAwait(false);
        return new DeliveryBatch([.. messages.Select(m => m.Key)], entries, [.. people], stored);
    }

    /// <summary>True when the batch read the digest's entry; <paramref name="entry"/> is then null when there was none.</summary>
    internal bool TryGetEntry(DigestKey key, out Versioned<SendRecord>? entry)
    {
        entry = _entries.GetValueOrDefault(key);
        return _entriesRead.Contains(key);
    }

    /// <summary>True when the batch read the person's conversation; <paramref name="stored"/> is then null when there was none.</summary>
    internal bool TryGetConversation(PersonId person, out StoredConversation? stored)
    {
        stored = _conversations.GetValueOrDefault(person);
        return _conversationsRead.Contains(person);
    }
}
