using Microsoft.Extensions.Logging;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>
/// A manager reminds someone about an overdue item: the nudge is reserved on the item (recorded with its audit entry in
/// a write conditional on the item as the card showed it), then a card goes to the owner's chat with the item and its
/// reply buttons; if Teams does not take it, the reservation is withdrawn. Allowed for leaders about items in the areas
/// they lead, and for managers about items escalated to them (their reports' and their reports' reports'); once a day
/// per item, however many presses arrive at once.
/// </summary>
public sealed partial class NudgeOwner
{
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly IConversationSender _sender;
    private readonly IDigestRenderer _renderer;
    private readonly AreaTreeCache _areas;
    private readonly OrganisationPolicy _policy;
    private readonly ScheduleRules _rules;
    private readonly ILogger<NudgeOwner> _logger;

    public NudgeOwner(
        ITrackingStore tracking,
        IDirectoryStore directory,
        IConversationReferenceStore conversations,
        IConversationSender sender,
        IDigestRenderer renderer,
        AreaTreeCache areas,
        OrganisationPolicy policy,
        ScheduleRules rules,
        ILogger<NudgeOwner> logger)
    {
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _areas = areas ?? throw new ArgumentNullException(nameof(areas));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<NudgeOutcome> ExecuteAsync(NudgeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var viewer = request.By;
        var today = _rules.Calendar.LocalDateOf(request.At);
        var item = await _tracking.GetAsync(request.Item, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new NudgeOutcome(NudgeOutcomeKind.NotFound, null, null, null);
        }

        if (item.Owner == viewer.Id || !await MayNudgeAsync(viewer, item, today, cancellationToken).ConfigureAwait(false))
        {
            return new NudgeOutcome(NudgeOutcomeKind.NotAllowed, null, null, null);
        }

        var owner = await _directory.GetPersonAsync(item.Owner, cancellationToken).ConfigureAwait(false);
        if (owner is not null && _policy.IsMember(owner, today))
        {
            // Elected members are not staff: officers do not nudge them (the card offers no Nudge; this refuses a forged one).
            return new NudgeOutcome(NudgeOutcomeKind.NotAllowed, null, null, null);
        }

        var outcome = new NudgeOutcome(NudgeOutcomeKind.Sent, item, owner?.DisplayName ?? DigestComposer.UnknownPersonName, null);
        var seen = request.SeenVersion;
        if (WhyNot(item, seen, today) is { } standing)
        {
            return outcome with { Kind = standing };
        }

        if ((await _directory.GetAbsencesAsync(item.Owner, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.IsOn(today)) is { } away)
        {
            // Reminders to someone away pause (docs/workforce.md): a nudge would be one.
            return outcome with { Kind = NudgeOutcomeKind.Away, AwayUntil = away.To };
        }

        var stored = await _conversations.GetAsync(item.Owner, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.IsStale || owner is not { Active: true })
        {
            return outcome with { Kind = stored is null ? NudgeOutcomeKind.NotInstalled : NudgeOutcomeKind.Unreachable };
        }

        // Reserve the nudge before sending: the write is conditional on the item as read, so of two presses at once
        // one reserves and sends, and the other finds it already nudged today and sends nothing.
        var nudge = new ItemNudge(item.Id, viewer.Id, request.At, request.Origin);
        var reserved = await _tracking.UpdateAsync(
            item.Key,
            current => current.Owner == item.Owner && WhyNot(current, seen, today) is null ? ItemTransitions.Nudge(current, nudge) : null,
            cancellationToken).ConfigureAwait(false);
        if (reserved.Status != ItemUpdateStatus.Updated)
        {
            return reserved.Item is { } now
                ? outcome with { Kind = WhyNot(now, seen, today) ?? NudgeOutcomeKind.Stale, Item = now }
                : new NudgeOutcome(NudgeOutcomeKind.NotFound, null, null, null);
        }

        var concerns = item.Concerns is { } c
            ? (await _directory.GetPersonAsync(c, cancellationToken).ConfigureAwait(false))?.DisplayName ?? DigestComposer.UnknownPersonName
            : null;
        outcome = outcome with { ConcernsName = concerns, Item = reserved.Item };
        var digest = new Digest(owner.Id, owner.DisplayName, today, [new DigestItem(item, owner.DisplayName, concerns, 0)], [], null);
        var sent = await _sender.SendAsync(stored.Reference, _renderer.RenderNudge(digest, viewer.DisplayName), cancellationToken).ConfigureAwait(false);
        if (sent.IsSent)
        {
            LogNudged(viewer.Id.Value, item.Owner.Value, item.Id.Value);
            return outcome;
        }

        LogNotDelivered(item.Id.Value, item.Owner.Value, sent.Status, sent.StatusCode ?? 0);
        var withdrawn = await _tracking.UpdateAsync(
            item.Key,
            current => ItemTransitions.WithdrawNudge(current, reserved.Item!, item, request.At, sent.Status.ToString(), request.Origin),
            cancellationToken).ConfigureAwait(false);
        if (withdrawn.Status != ItemUpdateStatus.Updated)
        {
            LogNotWithdrawn(item.Id.Value, withdrawn.Status.ToString());
        }

        outcome = outcome with { Item = withdrawn.Item ?? item };
        if (sent.Status != SendStatus.Stale)
        {
            return outcome with { Kind = NudgeOutcomeKind.NotDelivered };
        }

        await _conversations.MarkStaleAsync(item.Owner, sent.Reason ?? "stale", request.At, cancellationToken).ConfigureAwait(false);
        return outcome with { Kind = NudgeOutcomeKind.Unreachable };
    }

    /// <summary>Why the item may not be nudged now, or null when it may: answered, nudged today, or changed since the card was drawn.</summary>
    private NudgeOutcomeKind? WhyNot(TrackedItem item, int seenVersion, DateOnly today)
    {
        if (!item.IsOutstanding)
        {
            return NudgeOutcomeKind.AlreadyReplied;
        }

        if (item.LastNudgedAt is { } last && _rules.Calendar.LocalDateOf(last) == today)
        {
            return NudgeOutcomeKind.AlreadyNudgedToday;
        }

        // Changed since the card was drawn (moved to a new date, given to someone else): show it as it is first.
        return item.Version != seenVersion ? NudgeOutcomeKind.Stale : null;
    }

    /// <summary>A leader may nudge about items in the areas they lead; a manager about items escalated to them (their reports' and their reports' reports').</summary>
    private async Task<bool> MayNudgeAsync(Person viewer, TrackedItem item, DateOnly today, CancellationToken cancellationToken)
    {
        var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
        var scope = ScopeRules.For(viewer, _policy, tree, today);
        if (scope.NamesVisible && scope.Covers(item.Area))
        {
            return true;
        }

        var owner = await _directory.GetPersonAsync(item.Owner, cancellationToken).ConfigureAwait(false);
        if (owner?.LineManager is not { } manager)
        {
            return false;
        }

        if (manager == viewer.Id)
        {
            return true;
        }

        var managersManager = (await _directory.GetPersonAsync(manager, cancellationToken).ConfigureAwait(false))?.LineManager;
        return managersManager == viewer.Id;
    }

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Person {PersonId} nudged person {OwnerId} about item {ItemId}")]
    private partial void LogNudged(string personId, string ownerId, string itemId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "A nudge about item {ItemId} to person {OwnerId} was not delivered: {Status} ({StatusCode})")]
    private partial void LogNotDelivered(string itemId, string ownerId, SendStatus status, int statusCode);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "A nudge about item {ItemId} was not delivered and its reservation could not be withdrawn: {Status}")]
    private partial void LogNotWithdrawn(string itemId, string status);
}

/// <summary>A nudge to send: <see cref="Item"/> is where the card said the item is kept (checked on the server).</summary>
/// <param name="SeenVersion">The item's version on the card pressed: a card older than the stored item sends nothing.</param>
public sealed record NudgeRequest(Person By, ItemKey Item, int SeenVersion, DateTimeOffset At, AuditOrigin Origin);

public enum NudgeOutcomeKind
{
    /// <summary>The owner was sent the reminder and the nudge recorded.</summary>
    Sent,

    /// <summary>No such item.</summary>
    NotFound,

    /// <summary>The item is outside what the person may nudge about (or is their own).</summary>
    NotAllowed,

    /// <summary>The owner has already replied to it.</summary>
    AlreadyReplied,

    /// <summary>Someone already nudged the owner about it today (<see cref="TrackedItem.LastNudgedAt"/>).</summary>
    AlreadyNudgedToday,

    /// <summary>The card showed an older version of the item than the one stored: nothing was sent or recorded.</summary>
    Stale,

    /// <summary>The owner has no chat with QaBot yet.</summary>
    NotInstalled,

    /// <summary>The owner's chat no longer reaches them (they removed QaBot, or have left).</summary>
    Unreachable,

    /// <summary>Teams did not accept the message just now.</summary>
    NotDelivered,

    /// <summary>The owner is away (recorded leave, <see cref="NudgeOutcome.AwayUntil"/>): reminders to them pause, so nothing was sent.</summary>
    Away,
}

/// <summary>
/// What happened to a nudge. Unless it was <see cref="NudgeOutcomeKind.Sent"/> the item's nudge count and time are as
/// they were (a reservation Teams did not deliver is withdrawn, with an audit entry saying so).
/// </summary>
public sealed record NudgeOutcome(NudgeOutcomeKind Kind, TrackedItem? Item, string? OwnerName, string? ConcernsName)
{
    /// <summary>For <see cref="NudgeOutcomeKind.Away"/>: the owner's last day away.</summary>
    public DateOnly? AwayUntil { get; init; }
}
