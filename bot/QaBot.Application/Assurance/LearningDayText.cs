using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>How a practice learning day and its follow-up visits are described, the same in the CLI and in Teams.</summary>
public static class LearningDayText
{
    /// <summary>"planned", "to record as held" (the day has passed with no outcome), "held" or "cancelled".</summary>
    public static string State(LearningDay day, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Outcome switch
        {
            { Held: true } => "held",
            { Held: false } => "cancelled",
            _ => day.Date < today ? "to record as held" : "planned",
        };
    }

    /// <summary>Where a visit's item stands: "done Fri 4 Dec 2026", "due Mon 7 Dec 2026", "overdue since Mon 7 Dec 2026", "not applicable".</summary>
    public static string ItemState(TrackedItem item, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Status switch
        {
            ItemStatus.Done => "done " + (item.CompletedOn is { } on ? UkDates.Format(on) : string.Empty),
            ItemStatus.NotApplicable or ItemStatus.ClosedOther => "not applicable",
            _ when item.EffectiveDue < today => "overdue since " + UkDates.Format(item.EffectiveDue),
            _ => "due " + UkDates.Format(item.EffectiveDue),
        };
    }

    /// <summary>The day's follow-up visits in a few words; empty before the day is held.</summary>
    public static string Visits(LearningDayView view, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(view);
        return string.Join("; ", view.Visits.Select(v => ItemState(v.Item, today)));
    }

    /// <summary>"Helen Ashworth: due Fri 27 Nov 2026": whose a visit is and where it stands.</summary>
    public static string Visit(LearningDayVisit visit, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return $"{visit.Owner}: {ItemState(visit.Item, today)}";
    }

    /// <summary>"3 reflective case reviews, 1 focus group": the day's activities counted by kind.</summary>
    public static string Activities(LearningDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Activities.Count == 0
            ? "none recorded yet"
            : string.Join(", ", day.Activities.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g =>
            {
                var name = LearningDay.KindName(g.Key);
                var lower = name.ToLowerInvariant();
                return UkDates.Count(g.Count(), lower, lower + "s");
            }));
    }

    /// <summary>
    /// For each duty owed after days held (with the name of the role that owes it), the visits made after days held in
    /// the twelve months to today against the number a year the framework expects: "Follow-up visits by the Executive
    /// Director of Children's Services after days held in the last 12 months: 2 made, 1 still to make; the framework expects 6 a year."
    /// </summary>
    public static IReadOnlyList<string> VisitTally(IEnumerable<(Duty Duty, string RoleName)> duties, IReadOnlyList<LearningDayView> days, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(duties);
        ArgumentNullException.ThrowIfNull(days);
        var since = today.AddYears(-1);
        var lines = new List<string>();
        foreach (var (duty, roleName) in duties)
        {
            var visits = days.Where(d => d.Day.IsHeld && d.Day.Date > since).SelectMany(d => d.Visits).Where(v => v.Item.Duty == duty.Id).ToList();
            var made = visits.Count(v => v.Item.Status == ItemStatus.Done);
            var toMake = visits.Count(v => v.Item.IsOutstanding);
            var expected = duty.Rhythm.PerYear is { } perYear ? $"; the framework expects {perYear} a year" : string.Empty;
            lines.Add($"Follow-up visits by the {roleName} after days held in the last 12 months: {made} made, {toMake} still to make{expected}.");
        }

        return lines;
    }
}
