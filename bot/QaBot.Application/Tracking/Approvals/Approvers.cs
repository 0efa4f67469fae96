using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;

namespace QaBot.Application.Tracking.Approvals;

/// <summary>
/// Who may answer a request to move an item beyond the allowance: the requester's line manager, or the next one up.
/// The card goes to the first of them QaBot can reach (active, with a chat that still works). QaBot has no record of
/// leave yet, so a manager on leave who still has a working chat is asked; the next one up may answer in their place.
/// An elected member has no line manager: the member-support officer the council names answers for members, and
/// nobody in the officers' line does.
/// </summary>
public sealed class Approvers
{
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly OrganisationPolicy _policy;
    private readonly CouncilCalendar _calendar;
    private readonly TimeProvider _time;

    public Approvers(IDirectoryStore directory, IConversationReferenceStore conversations, OrganisationPolicy policy, CouncilCalendar calendar, TimeProvider time)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>An elected member, whose requests the member-support officer answers (if the council names one).</summary>
    public bool IsMember(Person person) => _policy.IsMember(person, _calendar.LocalDateOf(_time.GetUtcNow()));

    /// <summary>Whether the council names a member-support officer.</summary>
    public bool HasMemberSupport => _policy.MemberSupportUpn is not null;

    /// <summary>
    /// The requester's line manager and the next one up, nearest first (fewer when the chain is shorter); for an elected
    /// member, the member-support officer alone, or nobody.
    /// </summary>
    public async Task<IReadOnlyList<Person>> ChainAsync(PersonId requester, CancellationToken cancellationToken)
    {
        var chain = new List<Person>(2);
        var current = await _directory.GetPersonAsync(requester, cancellationToken).ConfigureAwait(false);
        if (current is not null && IsMember(current))
        {
            var support = _policy.MemberSupportUpn is { } upn ? await _directory.FindByUpnAsync(upn, cancellationToken).ConfigureAwait(false) : null;
            return support is not null && support.Id != requester ? [support] : [];
        }

        while (chain.Count < 2 && current?.LineManager is { } next && next != requester && chain.TrueForAll(p => p.Id != next))
        {
            current = await _directory.GetPersonAsync(next, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                break;
            }

            chain.Add(current);
        }

        return chain;
    }

    /// <summary>Whether <paramref name="decider"/> may answer a request of <paramref name="requester"/>'s.</summary>
    public async Task<bool> MayDecideAsync(PersonId requester, PersonId decider, CancellationToken cancellationToken) =>
        (await ChainAsync(requester, cancellationToken).ConfigureAwait(false)).Any(p => p.Id == decider && p.Active);

    /// <summary>The first of the chain who is active and has a chat with QaBot that still works, with that chat; null when none.</summary>
    public async Task<(Person Approver, StoredConversation Conversation)?> FindReachableAsync(PersonId requester, CancellationToken cancellationToken)
    {
        foreach (var person in await ChainAsync(requester, cancellationToken).ConfigureAwait(false))
        {
            if (!person.Active)
            {
                continue;
            }

            var stored = await _conversations.GetAsync(person.Id, cancellationToken).ConfigureAwait(false);
            if (stored is { IsStale: false })
            {
                return (person, stored);
            }
        }

        return null;
    }
}
