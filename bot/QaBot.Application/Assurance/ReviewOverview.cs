using System.Collections.Concurrent;
using QaBot.Application.Configuration;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>
/// The QA team's view of reflective case reviews ("themes this quarter", <c>qabot reviews summary</c>): the reviews
/// held in a period that the viewer may read (<see cref="ReviewAccess"/>: the QA team every one, a manager those of
/// the reviewers in their line, a reviewer their own), summarised by judgement, theme, service and month, with what
/// became of their actions. Nobody sees a summary of reviews they could not open one by one.
/// </summary>
public sealed class ReviewOverview
{
    /// <summary>The most directory and item reads made at once.</summary>
    private const int Parallelism = 8;

    private readonly IReviewStore _reviews;
    private readonly IDirectoryStore _directory;
    private readonly ITrackingStore _tracking;
    private readonly AreaTreeCache _areas;
    private readonly OrganisationPolicy _policy;
    private readonly ScheduleRules _rules;
    private readonly AssuranceOptions _options;

    public ReviewOverview(IReviewStore reviews, IDirectoryStore directory, ITrackingStore tracking, AreaTreeCache areas, OrganisationPolicy policy, ScheduleRules rules, AssuranceOptions options)
    {
        _reviews = reviews ?? throw new ArgumentNullException(nameof(reviews));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _areas = areas ?? throw new ArgumentNullException(nameof(areas));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>
    /// The summary of the reviews held from <paramref name="from"/> to <paramref name="to"/> that <paramref name="viewer"/>
    /// may read; every review when the viewer is null (the QA team's reports from <c>qabot report reviews</c>, run by
    /// those who administer the storage).
    /// </summary>
    public async Task<ReviewSummary> SummariseAsync(Person? viewer, DateOnly from, DateOnly to, DateOnly today, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        // Reviewers' lines overlap (one head of service over many teams), so each person is read once; the reviews and
        // their actions are looked at a few at a time rather than one round trip after another.
        var people = new ConcurrentDictionary<PersonId, Lazy<Task<Person?>>>();
        Task<Person?> PersonAsync(PersonId id) =>
            people.GetOrAdd(id, key => new Lazy<Task<Person?>>(() => _directory.GetPersonAsync(key, cancellationToken))).Value;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

        var reviews = await _reviews.ListAsync(from, to, cancellationToken).ConfigureAwait(false);
        var readable = new bool[reviews.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, reviews.Count), parallel, async (i, _) =>
        {
            readable[i] = viewer is null
                || ReviewAccess.MayRead(viewer, reviews[i], await ReviewQuery.LineOfAsync(reviews[i].Reviewer, PersonAsync).ConfigureAwait(false), _policy, today);
        }).ConfigureAwait(false);
        var visible = reviews.Where((_, i) => readable[i]).ToList();

        var states = new ConcurrentDictionary<OccurrenceId, ReviewActionState>();
        await Parallel.ForEachAsync(visible.SelectMany(r => r.Actions), parallel, async (action, token) =>
        {
            var owner = await PersonAsync(action.Owner).ConfigureAwait(false);
            var item = owner is null ? null : await _tracking.GetAsync(ItemKey.For(owner, action.ItemId), token).ConfigureAwait(false);
            states[action.ItemId] = item switch
            {
                null => ReviewActionState.Closed,
                { Status: ItemStatus.Done } => ReviewActionState.Done,
                { IsOutstanding: true } when _rules.IsOverdue(item, today) => ReviewActionState.Overdue,
                { IsOutstanding: true } => ReviewActionState.Open,
                _ => ReviewActionState.Closed,
            };
        }).ConfigureAwait(false);

        var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
        return ReviewSummary.Of(from, to, _options.ToSettings().Judgements, visible, area => ServiceName(tree, area), id => states[id]);
    }

    /// <summary>The name of the service an area sits in (itself if it is one, or larger), else the area's own name.</summary>
    public static string ServiceName(AreaTree tree, AreaId area)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var self = tree.Find(area);
        if (self is null)
        {
            return area.Value;
        }

        var service = new[] { self }.Concat(tree.Ancestors(area)).FirstOrDefault(a => a.Kind <= AreaKind.Service);
        return (service ?? self).Name;
    }
}

/// <summary>The quarter a question about reviews is about: calendar quarters (January to March, ...), also financial quarters.</summary>
public enum ReviewPeriod
{
    /// <summary>From the first day of this quarter to today (the default).</summary>
    ThisQuarter,

    /// <summary>The last complete quarter.</summary>
    LastQuarter,
}

public static class ReviewPeriods
{
    /// <summary>The first and last day of the period as of <paramref name="today"/>, and how to say it ("this quarter").</summary>
    public static (DateOnly From, DateOnly To, string Label) Of(ReviewPeriod period, DateOnly today)
    {
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return period == ReviewPeriod.LastQuarter
            ? (quarterStart.AddMonths(-3), quarterStart.AddDays(-1), "last quarter")
            : (quarterStart, today, "this quarter");
    }
}
