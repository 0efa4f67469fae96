using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Demo;

/// <summary>
/// A plausible record for the demo council up to an as-of date: every obligation the schedule engine gives each
/// person from <see cref="MonthsOfHistory"/> months before it to <see cref="WeeksAhead"/> weeks after, with past ones
/// mostly done (some late), some rescheduled, a few not applicable this time and some left overdue, in every division.
/// Deterministic: the same directory and date give the same history.
/// </summary>
public static class DemoHistory
{
    public const int MonthsOfHistory = 6;
    public const int WeeksAhead = 4;

    private static readonly TimeOnly WorkingHours = new(16, 30);

    public static IReadOnlyList<NewItem> Create(OrganisationChart chart, ScheduleEngine engine, DateOnly asOf, int seed = DemoCouncil.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(engine);
        var window = engine.Window(asOf.AddMonths(-MonthsOfHistory), asOf.AddDays(7 * WeeksAhead));
        var calendar = engine.Calendar;
        var occurrences = new List<Occurrence>();
        foreach (var holding in ReminderPlanner.Holdings(chart, engine, asOf))
        {
            window.AddOccurrences(holding, occurrences);
        }

        var random = new Random(seed ^ asOf.DayNumber);
        var items = new List<NewItem>(occurrences.Count);
        foreach (var occurrence in occurrences.OrderBy(o => o.Id.Value, StringComparer.Ordinal))
        {
            var owner = chart.Find(occurrence.PersonId)!;
            var createdAt = calendar.ToInstant(occurrence.WindowFrom, new TimeOnly(6, 0));
            var created = TrackedItem.FromOccurrence(occurrence, owner.HomeArea, createdAt, Actor.System("scheduler"));
            items.Add(new NewItem(created, Story(created, chart, engine, asOf, random)));
        }

        return items;
    }

    /// <summary>The reasons demo people give for setting an item aside, with a note each, leave the most common.</summary>
    private static readonly (string Reason, string? Note)[] SetAsideReasons =
    [
        ("leave", "On annual leave that week"),
        ("leave", null),
        ("vacant", "Post vacant until the new starter arrives"),
        ("covered-elsewhere", "Covered in the team meeting"),
        ("other", "Worker on a phased return: agreed with HR to pause"),
    ];

    /// <summary>A hash of the text that is the same on every run (string.GetHashCode is not).</summary>
    internal static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }

    /// <summary>What happened to one item by the as-of date.</summary>
    private static List<ItemChange> Story(TrackedItem item, OrganisationChart chart, ScheduleEngine engine, DateOnly asOf, Random random)
    {
        var changes = new List<ItemChange>();
        if (item.Due >= asOf)
        {
            return changes;
        }

        var calendar = engine.Calendar;
        var roll = random.Next(100);
        var current = item;
        var replies = 0;

        ItemChange? Reply(ReplyKind kind, DateOnly on, DateOnly? date, string? note, IReadOnlyList<DateTimeOffset>? remindAt = null, string? reason = null)
        {
            var at = calendar.ToInstant(on, WorkingHours);
            var reply = new ItemReply($"demo-{item.Id.Value}-{++replies}", item.Id, kind, item.Owner, at, date, note, new AuditOrigin("teams", "demo"), reason);
            var change = ItemTransitions.Reply(current, reply, remindAt);
            if (change is not null)
            {
                changes.Add(change);
                current = change.After;
            }

            return change;
        }

        DateOnly Before(DateOnly date) => date >= asOf ? asOf.AddDays(-1) : date;

        if (roll < 78)
        {
            // Done: usually in its window, sometimes a few days late.
            var late = random.Next(10) < 2;
            var on = late ? item.Due.AddDays(random.Next(1, 8)) : item.Due.AddDays(-random.Next(0, Math.Max(1, item.Due.DayNumber - item.WindowFrom.DayNumber)));
            on = Before(on < item.WindowFrom ? item.WindowFrom : on);
            Reply(ReplyKind.Done, on, on, late ? "Completed late: diary clash" : null);
        }
        else if (roll < 88)
        {
            // Rescheduled a week or three; most then done, the rest still outstanding (overdue if the new date passed).
            var askedOn = Before(item.Due.AddDays(-random.Next(0, 4)));
            var to = calendar.WorkingDayOnOrAfter(item.Due.AddDays(random.Next(7, 22)));
            Reply(ReplyKind.Rescheduled, askedOn, to, "Moved at the practitioner's request", [calendar.ToInstant(to, engine.Policy.ReminderTime)]);
            if (to < asOf && random.Next(10) < 7)
            {
                var on = Before(to.AddDays(-random.Next(0, 3)));
                Reply(ReplyKind.Done, on, on, null);
            }
        }
        else if (roll < 91)
        {
            // A reason from the shipped list, chosen by the item (not the random sequence, so the rest of the story stays put).
            var (reason, note) = SetAsideReasons[(int)(StableHash(item.Id.Value) % (uint)SetAsideReasons.Length)];
            Reply(ReplyKind.NotApplicable, Before(item.Due), null, note, reason: reason);
        }
        else if (random.Next(3) == 0 && chart.EscalationTarget(item.Owner, asOf) is { } manager)
        {
            // Left overdue, and a manager has nudged about it.
            var at = calendar.ToInstant(Before(item.Due.AddDays(random.Next(3, 10))), new TimeOnly(10, 0));
            var nudge = ItemTransitions.Nudge(current, new ItemNudge(item.Id, manager.Id, at, new AuditOrigin("teams", "demo")));
            changes.Add(nudge);
        }

        return changes;
    }
}
