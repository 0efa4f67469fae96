using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Core.Assurance;

/// <summary>
/// A reflective case review as the framework describes it (2.4): a file read, a reflective conversation with the
/// practitioner and feedback from the child or family; a judgement on the council's scale, strengths, areas for
/// development, themes and actions. Kept against the reminder it answers (<see cref="Item"/>), one review per item.
/// Case references only: never a child's name.
/// </summary>
/// <param name="Item">The reflective case review item this record answers; also the review's id.</param>
/// <param name="Area">The reviewer's home area when it was recorded, where the record is kept.</param>
public sealed record ReflectiveCaseReview(
    OccurrenceId Item,
    AreaId Area,
    PersonId Reviewer,
    PersonId Practitioner,
    CaseReference Case,
    ReviewParts Parts,
    string? FeedbackGist,
    string Judgement,
    string Strengths,
    string Development,
    IReadOnlyList<string> Themes,
    IReadOnlyList<ReviewAction> Actions,
    DateOnly HeldOn,
    DateTimeOffset RecordedAt)
{
    /// <summary>The subject of the review's audit entries.</summary>
    public string Subject => "review:" + Item.Value;

    /// <summary>The audit entry kept with the review when it is recorded: by the reviewer, when it was recorded.</summary>
    public Tracking.AuditEntry RecordedEntry(Tracking.AuditOrigin origin) => new(
        RecordedAt, Tracking.Actor.Person(Reviewer), "recorded", Subject,
        $"review of item {Item.Value} with {Actions.Count} actions ({string.Join(", ", Actions.Select(a => a.ItemId.Value))})", origin);
}

/// <summary>Which parts of a review took place.</summary>
public sealed record ReviewParts(bool FileRead, bool Conversation, bool Feedback)
{
    public bool Any => FileRead || Conversation || Feedback;
}

/// <summary>An action from a review: it becomes a tracked item of its owner's (<see cref="ItemId"/>) with its own Done.</summary>
public sealed record ReviewAction(int Number, string Text, PersonId Owner, DateOnly Due, OccurrenceId ItemId)
{
    /// <summary>The duty id action items carry, so digests, escalation and the compliance figures treat them as one kind.</summary>
    public const string DutyId = "review-action";

    /// <summary>The action item's id: the review's item id and the action's number, so a second submission adds nothing.</summary>
    public static OccurrenceId ItemIdFor(OccurrenceId review, int number) =>
        new(string.Concat(DutyId, ".", review.Value.Replace(".", "_", StringComparison.Ordinal), ".a", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
