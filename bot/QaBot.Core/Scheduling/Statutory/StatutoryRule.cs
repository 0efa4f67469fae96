using System.Globalization;
using QaBot.Core.Calendar;

namespace QaBot.Core.Scheduling.Statutory;

/// <summary>
/// A statutory timescale anchored to an event in a case (statutory-rules.yaml): e.g. a looked-after child's reviews,
/// 20 working days after they became looked after, then no more than 3 months, then no more than 6 months apart.
/// </summary>
/// <param name="Item">What each link is called ("review", "visit"), used in the basis text.</param>
/// <param name="Event">The event the chain starts from, as a phrase ("becoming looked after").</param>
public sealed record StatutoryRule(string Id, string Name, string Item, string Event, string Legislation, IReadOnlyList<StatutoryStep> Steps)
{
    public const int MaxCount = 100;

    /// <summary>
    /// The first <paramref name="count"/> deadlines after an event (fewer when the rule's chain is shorter). A
    /// "no more than" deadline that falls on a weekend or bank holiday moves to the working day before, never after.
    /// Each link counts from the date the previous one was held when <paramref name="held"/> records it (held[0] is
    /// the first), otherwise from the previous deadline.
    /// </summary>
    public IReadOnlyList<StatutoryDeadline> Deadlines(
        CouncilCalendar calendar,
        DateOnly eventDate,
        int count,
        IReadOnlyList<DateOnly?>? held = null,
        CaseReference? caseReference = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);

        var deadlines = new List<StatutoryDeadline>(count);
        var stepIndex = 0;
        for (var n = 1; n <= count && stepIndex < Steps.Count; n++)
        {
            DateOnly from;
            string fromText;
            DateOnly raw;
            StatutoryStep step;
            while (true)
            {
                step = Steps[stepIndex];
                if (step.After == StepAnchor.Event || n == 1)
                {
                    from = eventDate;
                    fromText = $"after {Event} on {Uk(eventDate)}";
                }
                else if (held is not null && held.Count >= n - 1 && held[n - 2] is { } heldOn)
                {
                    from = heldOn;
                    fromText = $"after {Item} {n - 1}, held {Uk(heldOn)}";
                }
                else
                {
                    from = deadlines[^1].Due;
                    fromText = $"after {Item} {n - 1}'s deadline of {Uk(from)}";
                }

                raw = step.Within.AddTo(from, calendar);
                if (step.Repeats && step.RepeatUntil is { } until && n > 1 && raw > until.AddTo(eventDate, calendar) && stepIndex + 1 < Steps.Count)
                {
                    stepIndex++;
                    continue;
                }

                break;
            }

            var due = calendar.WorkingDayOnOrBefore(raw);
            var basis = $"no more than {step.Within} {fromText}";
            if (due != raw)
            {
                basis += $"; {Uk(raw)} is not a working day, so the deadline is the working day before";
            }

            if (step.ExtendableTo is { } extension)
            {
                basis += $" (extendable to {extension} where the procedure allows)";
            }

            var id = caseReference is { } reference
                ? new OccurrenceId(string.Concat(Id, ".", OccurrenceId.Encode(reference.Value), ".", eventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ".", n.ToString(CultureInfo.InvariantCulture)))
                : (OccurrenceId?)null;
            deadlines.Add(new StatutoryDeadline(n, due, from, basis, id) { ExtendableTo = step.ExtendableTo });
            if (!step.Repeats)
            {
                stepIndex++;
            }
        }

        return deadlines;
    }

    private static string Uk(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
