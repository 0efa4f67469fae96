using Microsoft.Extensions.Logging;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>
/// A reviewer submits the reflective case review form on their review item. The item must be theirs and a review
/// duty's; the form is checked whole and refused, writing nothing, with every problem named by field. Then the review
/// is kept with its audit entry, each action becomes a tracked item of its owner's (reminders, escalation and its own
/// Done) linked by id to the review, the review item is marked done, and the practitioner is told the learning.
/// A second submission of the same form changes nothing; a submission that stopped part-way is finished by the next.
/// </summary>
public sealed partial class RecordReview
{
    public const string SubmitVerb = "review.submit";

    private readonly ITrackingStore _tracking;
    private readonly IReviewStore _reviews;
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly IConversationSender _sender;
    private readonly IReviewRenderer _renderer;
    private readonly ScheduleRules _rules;
    private readonly CaseReferencePattern _cases;
    private readonly AssuranceOptions _options;
    private readonly ILogger<RecordReview> _logger;

    public RecordReview(
        ITrackingStore tracking,
        IReviewStore reviews,
        IDirectoryStore directory,
        IConversationReferenceStore conversations,
        IConversationSender sender,
        IReviewRenderer renderer,
        ScheduleRules rules,
        CaseReferencePattern cases,
        AssuranceOptions options,
        ILogger<RecordReview> logger)
    {
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _reviews = reviews ?? throw new ArgumentNullException(nameof(reviews));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _cases = cases ?? throw new ArgumentNullException(nameof(cases));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Whether Done on this item opens the review form.</summary>
    public bool IsReviewItem(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _options.ReviewDutySet().Contains(item.Duty.Value);
    }

    /// <summary>
    /// The people the form offers: the person the item concerns (an audited case's practitioner) when there is one,
    /// the reviewer's reports (the practitioner, the actions' owners) and the reviewer.
    /// </summary>
    public async Task<IReadOnlyList<Person>> CandidatesAsync(Person reviewer, PersonId? concerns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        var reports = await _directory.GetReportsAsync(reviewer.Id, cancellationToken).ConfigureAwait(false);
        var named = concerns is { } id && reports.All(p => p.Id != id) && id != reviewer.Id
            ? await _directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false)
            : null;
        return [.. (named is { Active: true } ? [named] : Array.Empty<Person>()), .. reports.Where(p => p.Active).OrderBy(p => p.DisplayName, StringComparer.Ordinal), reviewer];
    }

    /// <summary>The names of the people a review names (the practitioner and the actions' owners), for the card that answers it.</summary>
    public async Task<IReadOnlyDictionary<PersonId, string>> NamesAsync(ReflectiveCaseReview review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        var names = new Dictionary<PersonId, string>();
        foreach (var id in review.Actions.Select(a => a.Owner).Append(review.Practitioner).Distinct())
        {
            var person = await _directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false);
            names[id] = person?.DisplayName ?? Core.Reminders.DigestComposer.UnknownPersonName;
        }

        return names;
    }

    /// <summary>
    /// What Done on an item opens instead of recording a date: the review form, when the item is the person's own
    /// outstanding review item with no review kept yet; null for any other item (Done records it as usual).
    /// </summary>
    public async Task<ReviewFormOpening?> OpenFormAsync(Person by, ItemKey claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var item = await _tracking.GetAsync(ItemKey.For(by, claimed.Id), cancellationToken).ConfigureAwait(false)
            ?? await _tracking.GetAsync(claimed, cancellationToken).ConfigureAwait(false);
        if (item is null || item.Owner != by.Id || !item.IsOutstanding || !IsReviewItem(item))
        {
            return null;
        }

        return new ReviewFormOpening(item, await CandidatesAsync(by, item.Concerns, cancellationToken).ConfigureAwait(false), _options.ToSettings());
    }

    public async Task<ReviewOutcome> ExecuteAsync(ReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await _tracking.GetAsync(ItemKey.For(request.By, request.Item.Id), cancellationToken).ConfigureAwait(false)
            ?? await _tracking.GetAsync(request.Item, cancellationToken).ConfigureAwait(false);
        if (item is null || item.Owner != request.By.Id || !IsReviewItem(item))
        {
            return new ReviewOutcome(ReviewOutcomeKind.NotFound, item, null, []);
        }

        var review = await _reviews.GetAsync(item.Id, cancellationToken).ConfigureAwait(false);
        if (review is null)
        {
            if (!item.IsOutstanding)
            {
                return new ReviewOutcome(ReviewOutcomeKind.Closed, item, null, []);
            }

            if (item.Version != request.SeenVersion)
            {
                return new ReviewOutcome(ReviewOutcomeKind.Stale, item, null, []);
            }

            var people = await PeopleNamedAsync(request, cancellationToken).ConfigureAwait(false);
            var check = request.Form.Check(new ReviewCheckContext(
                item.Id, request.By.HomeArea, request.By.Id, people, _options.ToSettings(), _cases,
                new PersonalIdentifierCheck(_cases), _rules.Calendar.LocalDateOf(request.At), request.At));
            if (!check.IsValid)
            {
                return new ReviewOutcome(ReviewOutcomeKind.Invalid, item, null, check.Problems);
            }

            review = check.Review!;
            if (!await _reviews.AddAsync(review, review.RecordedEntry(request.Origin), cancellationToken).ConfigureAwait(false))
            {
                // The same form arriving twice at once: the other one kept it; finish below what it may not have.
                review = await _reviews.GetAsync(item.Id, cancellationToken).ConfigureAwait(false) ?? review;
            }
            else
            {
                LogRecorded(item.Id.Value, request.By.Id.Value, review.Actions.Count);
            }
        }
        else if (!item.IsOutstanding)
        {
            return new ReviewOutcome(ReviewOutcomeKind.AlreadyRecorded, item, review, []);
        }

        await AddActionItemsAsync(review, request, cancellationToken).ConfigureAwait(false);
        var done = await MarkDoneAsync(item, review, request, cancellationToken).ConfigureAwait(false);
        var told = await TellPractitionerAsync(review, request, cancellationToken).ConfigureAwait(false);
        return new ReviewOutcome(ReviewOutcomeKind.Recorded, done, review, []) { PractitionerTold = told };
    }

    private async Task<IReadOnlyList<Person>> PeopleNamedAsync(ReviewRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Form.Actions.Select(a => a.Owner).Append(request.Form.Practitioner)
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);
        var people = new List<Person>();
        foreach (var id in ids)
        {
            var person = id.Contains('@', StringComparison.Ordinal)
                ? await _directory.FindByUpnAsync(id, cancellationToken).ConfigureAwait(false)
                : Guid.TryParse(id, out _) ? await _directory.GetPersonAsync(new PersonId(id), cancellationToken).ConfigureAwait(false) : null;
            if (person is not null)
            {
                people.Add(person);
            }
        }

        return people;
    }

    private async Task AddActionItemsAsync(ReflectiveCaseReview review, ReviewRequest request, CancellationToken cancellationToken)
    {
        var items = new List<NewItem>();
        foreach (var action in review.Actions)
        {
            var owner = await _directory.GetPersonAsync(action.Owner, cancellationToken).ConfigureAwait(false);
            if (owner is null)
            {
                continue;
            }

            var duty = new DutyId(ReviewAction.DutyId);
            var occurrence = new Occurrence(
                action.ItemId, duty, owner.Id, action.Due, review.HeldOn, action.Due,
                _rules.RemindersAfter(action.Due, duty, request.At), Concerns: null, Provisional: false);
            items.Add(NewItem.Of(TrackedItem.FromOccurrence(occurrence, owner.HomeArea, request.At, Actor.Person(request.By.Id)) with { Note = action.Text }));
        }

        await _tracking.AddIfAbsentAsync(items, request.Origin, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TrackedItem> MarkDoneAsync(TrackedItem item, ReflectiveCaseReview review, ReviewRequest request, CancellationToken cancellationToken)
    {
        var replyId = $"{SubmitVerb}.{item.Id.Value}";
        var note = $"Reflective case review recorded: case {review.Case}, {review.Actions.Count} action{(review.Actions.Count == 1 ? string.Empty : "s")}.";
        var reply = new ItemReply(replyId, item.Id, ReplyKind.Done, request.By.Id, request.At, review.HeldOn, note, request.Origin);
        var result = await _tracking.UpdateAsync(item.Key, current => current.IsOutstanding ? ItemTransitions.Reply(current, reply) : null, cancellationToken).ConfigureAwait(false);
        return result.Item ?? item;
    }

    private async Task<bool> TellPractitionerAsync(ReflectiveCaseReview review, ReviewRequest request, CancellationToken cancellationToken)
    {
        var stored = await _conversations.GetAsync(review.Practitioner, cancellationToken).ConfigureAwait(false);
        if (stored is not { IsStale: false })
        {
            return false;
        }

        var actions = new List<(ReviewAction, string)>();
        foreach (var action in review.Actions)
        {
            var owner = await _directory.GetPersonAsync(action.Owner, cancellationToken).ConfigureAwait(false);
            actions.Add((action, owner?.DisplayName ?? Core.Reminders.DigestComposer.UnknownPersonName));
        }

        var learning = new ReviewLearning(review, request.By.DisplayName, _options.HideJudgementFromPractitioner ? null : review.Judgement, actions);
        var sent = await _sender.SendAsync(stored.Reference, _renderer.RenderLearning(learning), cancellationToken).ConfigureAwait(false);
        return sent.Status == SendStatus.Sent;
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Recorded review of item {ItemId} by person {PersonId} with {ActionCount} actions")]
    private partial void LogRecorded(string itemId, string personId, int actionCount);
}

/// <summary>The review form to show for an item: the people it offers and the council's scale and themes.</summary>
public sealed record ReviewFormOpening(TrackedItem Item, IReadOnlyList<Person> Candidates, ReviewSettings Settings);

/// <summary>A submitted review form.</summary>
/// <param name="Item">Where the card said the review item is kept (a claim from the client: the server checks it).</param>
/// <param name="SeenVersion">The item's version on the form.</param>
public sealed record ReviewRequest(Person By, ItemKey Item, int SeenVersion, ReviewForm Form, DateTimeOffset At, AuditOrigin Origin);

public enum ReviewOutcomeKind
{
    /// <summary>Kept, with its actions as items and the review item done.</summary>
    Recorded,

    /// <summary>A second submission: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>The form has problems (<see cref="ReviewOutcome.Problems"/>): nothing was written.</summary>
    Invalid,

    /// <summary>The form was drawn for an older version of the item: nothing was written.</summary>
    Stale,

    /// <summary>The item was closed another way (not applicable, superseded) before a review was recorded.</summary>
    Closed,

    /// <summary>No such review item of the person's.</summary>
    NotFound,
}

public sealed record ReviewOutcome(ReviewOutcomeKind Kind, TrackedItem? Item, ReflectiveCaseReview? Review, IReadOnlyList<FormProblem> Problems)
{
    /// <summary>The practitioner was sent the learning in Teams.</summary>
    public bool PractitionerTold { get; init; }
}
