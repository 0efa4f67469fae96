using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using QaBot.Core.Organisation;

namespace QaBot.Application.Conversations;

/// <summary>
/// Keeps where to message each person: the conversation reference from their personal chat with the bot, stored when
/// they install it and refreshed when a message shows it has changed (or they installed before the directory knew
/// them). Teams sends an install and a "members added" together, perhaps to two instances of the bot: the person is
/// greeted once.
/// </summary>
public sealed partial class RememberConversation : IDisposable
{
    /// <summary>Within this time of a greeting, another install by the same person is not greeted again.</summary>
    public static readonly TimeSpan GreetingWindow = TimeSpan.FromMinutes(2);

    private readonly IConversationReferenceStore _conversations;
    private readonly ILogger<RememberConversation> _logger;
    private readonly ConcurrentDictionary<PersonId, DateTimeOffset> _greeted = new();
    private readonly SemaphoreSlim _installs = new(1, 1);

    public RememberConversation(IConversationReferenceStore conversations, ILogger<RememberConversation> logger)
    {
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// The person installed the bot: stores the conversation (when the channel gave one) and says whether to greet
    /// them, which is false when they were greeted moments ago.
    /// </summary>
    public async Task<bool> OnInstalledAsync(Person person, ConversationReference? reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        await _installs.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_greeted.TryGetValue(person.Id, out var greetedAt) && at - greetedAt < GreetingWindow && at >= greetedAt)
            {
                LogAlreadyGreeted(person.Id.Value, GreetingWindow);
                return false;
            }

            // The greeting is recorded with the conversation, so another instance of the bot sees it too.
            if (reference is not null && !await _conversations.GreetOnceAsync(reference, at, GreetingWindow, cancellationToken).ConfigureAwait(false))
            {
                LogAlreadyGreeted(person.Id.Value, GreetingWindow);
                return false;
            }

            _greeted[person.Id] = at;
            foreach (var (id, then) in _greeted)
            {
                if (at - then > GreetingWindow)
                {
                    _greeted.TryRemove(id, out _);
                }
            }
        }
        finally
        {
            _installs.Release();
        }

        LogGreeted(person.Id.Value);
        return true;
    }

    /// <summary>A message arrived: stores its conversation if none is kept for the person, or the kept one is stale or different.</summary>
    public async Task OnMessageAsync(ConversationReference? reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (reference is null)
        {
            return;
        }

        var stored = await _conversations.GetAsync(reference.PersonId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.IsStale || stored.Reference != reference)
        {
            await _conversations.SaveAsync(reference, at, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _installs.Dispose();

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Stored the conversation of person {PersonId} and greeted them")]
    private partial void LogGreeted(string personId);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Information, Message = "Person {PersonId} reinstalled into the same conversation within {Window}; not greeted twice")]
    private partial void LogAlreadyGreeted(string personId, TimeSpan window);
}
