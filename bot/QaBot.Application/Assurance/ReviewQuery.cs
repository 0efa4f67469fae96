using QaBot.Application.Organisation;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Application.Assurance;

/// <summary>
/// Reading a review record, decided on the server (<see cref="ReviewAccess"/>): the reviewer, their managers up the
/// line and the QA team. Anyone else gets the same answer as for a review that does not exist.
/// </summary>
public sealed class ReviewQuery
{
    private readonly IReviewStore _reviews;
    private readonly IDirectoryStore _directory;
    private readonly OrganisationPolicy _policy;
    private readonly CouncilCalendar _calendar;

    public ReviewQuery(IReviewStore reviews, IDirectoryStore directory, OrganisationPolicy policy, CouncilCalendar calendar)
    {
        _reviews = reviews ?? throw new ArgumentNullException(nameof(reviews));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
    }

    /// <summary>The review, or null when there is none or the viewer may not read it.</summary>
    public async Task<ReflectiveCaseReview?> GetAsync(Person viewer, OccurrenceId item, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var review = await _reviews.GetAsync(item, cancellationToken).ConfigureAwait(false);
        if (review is null)
        {
            return null;
        }

        var line = await LineAsync(review.Reviewer, cancellationToken).ConfigureAwait(false);
        return ReviewAccess.MayRead(viewer, review, line, _policy, _calendar.LocalDateOf(at)) ? review : null;
    }

    /// <summary>The reviewer's managers up the line, nearest first, stopping before any repeat.</summary>
    private Task<IReadOnlyList<Person>> LineAsync(PersonId reviewer, CancellationToken cancellationToken) =>
        LineOfAsync(reviewer, id => _directory.GetPersonAsync(id, cancellationToken));

    /// <summary>A person's managers up the line, nearest first, stopping before any repeat, found by <paramref name="find"/>.</summary>
    internal static async Task<IReadOnlyList<Person>> LineOfAsync(PersonId person, Func<PersonId, Task<Person?>> find)
    {
        var line = new List<Person>();
        var seen = new HashSet<PersonId> { person };
        var current = await find(person).ConfigureAwait(false);
        while (current?.LineManager is { } next && seen.Add(next))
        {
            current = await find(next).ConfigureAwait(false);
            if (current is not null)
            {
                line.Add(current);
            }
        }

        return line;
    }
}
