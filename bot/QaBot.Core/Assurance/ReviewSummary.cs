using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Assurance;

/// <summary>What became of one action raised by a review, on the day the summary is made.</summary>
public enum ReviewActionState
{
    Open,
    Overdue,
    Done,

    /// <summary>Set aside, closed for another reason, or no longer held (its owner erased or the item repaired away).</summary>
    Closed,
}

/// <summary>
/// The QA team's view of reflective case reviews over a period (framework 2.4 and 2.6): how many were held, the
/// judgements on the council's scale, the themes most often identified, the same by service and by month, and what
/// became of the actions raised. Counts only: no case references, practitioners or reviewers, so it can go in a report.
/// </summary>
/// <param name="Judgements">Counts per judgement, the council's scale in order, then any judgement no longer on it.</param>
/// <param name="Themes">Themes identified, most often first (ties by name).</param>
public sealed record ReviewSummary(
    DateOnly From,
    DateOnly To,
    int Reviews,
    IReadOnlyList<JudgementCount> Judgements,
    IReadOnlyList<ThemeCount> Themes,
    IReadOnlyList<ReviewGroupLine> Services,
    IReadOnlyList<ReviewGroupLine> Months,
    ReviewActionCounts Actions)
{
    /// <param name="serviceOf">The service (or nearest larger area) a review's area belongs to, as a name.</param>
    /// <param name="actionState">What became of an action's item.</param>
    public static ReviewSummary Of(
        DateOnly from,
        DateOnly to,
        IReadOnlyList<string> scale,
        IReadOnlyCollection<ReflectiveCaseReview> reviews,
        Func<AreaId, string> serviceOf,
        Func<OccurrenceId, ReviewActionState> actionState)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(serviceOf);
        ArgumentNullException.ThrowIfNull(actionState);
        var judgements = JudgementsOf(scale, reviews);
        var themes = reviews.SelectMany(r => r.Themes.Distinct(StringComparer.Ordinal))
            .GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => new ThemeCount(g.Key, g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Theme, StringComparer.Ordinal)
            .ToList();
        var services = reviews.GroupBy(r => serviceOf(r.Area), StringComparer.Ordinal)
            .Select(g => Line(g.Key, g.ToList(), judgements))
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
        var months = reviews.GroupBy(r => new DateOnly(r.HeldOn.Year, r.HeldOn.Month, 1))
            .OrderBy(g => g.Key)
            .Select(g => Line(g.Key.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), g.ToList(), judgements))
            .ToList();
        var states = reviews.SelectMany(r => r.Actions).Select(a => actionState(a.ItemId)).ToList();
        var actions = new ReviewActionCounts(
            states.Count,
            states.Count(s => s == ReviewActionState.Done),
            states.Count(s => s is ReviewActionState.Open or ReviewActionState.Overdue),
            states.Count(s => s == ReviewActionState.Overdue));
        return new ReviewSummary(from, to, reviews.Count, judgements, themes, services, months, actions);
    }

    private static List<JudgementCount> JudgementsOf(IReadOnlyList<string> scale, IEnumerable<ReflectiveCaseReview> reviews)
    {
        var counts = reviews.GroupBy(r => r.Judgement, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var onScale = scale.Select(j => new JudgementCount(j, counts.GetValueOrDefault(j)));
        var offScale = counts.Keys.Where(k => !scale.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).Select(k => new JudgementCount(k, counts[k]));
        return [.. onScale, .. offScale];
    }

    private static ReviewGroupLine Line(string name, List<ReflectiveCaseReview> reviews, IReadOnlyList<JudgementCount> columns)
    {
        var judgements = columns.Select(c => reviews.Count(r => string.Equals(r.Judgement, c.Judgement, StringComparison.Ordinal))).ToList();
        var topTheme = reviews.SelectMany(r => r.Themes).GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        return new ReviewGroupLine(name, reviews.Count, judgements, topTheme, reviews.Sum(r => r.Actions.Count));
    }
}

public sealed record JudgementCount(string Judgement, int Count);

public sealed record ThemeCount(string Theme, int Count);

/// <summary>One service's or month's reviews: counts per judgement in the summary's order, its most common theme, actions raised.</summary>
public sealed record ReviewGroupLine(string Name, int Reviews, IReadOnlyList<int> Judgements, string? TopTheme, int ActionsRaised);

/// <param name="Open">Not done yet, overdue included.</param>
public sealed record ReviewActionCounts(int Raised, int Done, int Open, int Overdue);
