namespace QaBot.Core.Compliance;

/// <summary>The columns of a report line that small-number suppression can hide.</summary>
public enum FigureColumn
{
    Due,
    OnTime,
    Late,
    NotApplicable,
    ClosedOther,
    Open,
    Overdue,
}

/// <summary>
/// A report line as it may be shown to its audience: for elected members, counts of 1 to 4 are hidden as "fewer than
/// 5" (with a second count hidden where the first could be worked out from the total), and rates and changes are
/// withheld where they rest on fewer items than the minimum base or would give a hidden count away. Officers see every
/// figure.
/// </summary>
public sealed record PublishedFigures(ComplianceFigures Figures, IReadOnlySet<FigureColumn> Hidden, bool RateWithheld, bool ChangeWithheld)
{
    /// <summary>The words shown instead of a hidden count.</summary>
    public const string FewerThanFive = "fewer than 5";

    /// <summary>Counts below this are hidden from members.</summary>
    public const int SmallNumber = 5;

    public bool IsHidden(FigureColumn column) => Hidden.Contains(column);

    public int Value(FigureColumn column) => column switch
    {
        FigureColumn.Due => Figures.Due,
        FigureColumn.OnTime => Figures.OnTime,
        FigureColumn.Late => Figures.Late,
        FigureColumn.NotApplicable => Figures.NotApplicable,
        FigureColumn.ClosedOther => Figures.ClosedOther,
        FigureColumn.Open => Figures.Open,
        _ => Figures.Overdue,
    };

    /// <summary>Every figure shown: the officers' view.</summary>
    public static PublishedFigures InFull(ComplianceFigures figures) => new(figures, new HashSet<FigureColumn>(), RateWithheld: false, ChangeWithheld: false);

    /// <summary>The members' view of one line on its own, with small numbers suppressed.</summary>
    public static PublishedFigures ForMembers(ComplianceFigures figures, int minimumBase) => ForMembers([figures], minimumBase)[0];

    /// <summary>
    /// The members' view of lines published together, with small numbers suppressed in each line and across them: lines
    /// that differ in one of area, duty or month only add up to a total members can see (in another line, view or
    /// report), so where exactly one of them hides a column, the next smallest of that column among them is hidden too
    /// and the hidden one cannot be worked out by subtraction. Repeated until nothing more needs hiding.
    /// </summary>
    public static IReadOnlyList<PublishedFigures> ForMembers(IReadOnlyList<ComplianceFigures> lines, int minimumBase)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var views = lines.Select(InFull).ToArray();
        var hidden = views.Select(v => Enum.GetValues<FigureColumn>().Where(c => v.Value(c) is > 0 and < SmallNumber).ToHashSet()).ToArray();
        Func<ComplianceFigures, object>[] totals =
        [
            l => (l.Duty, l.Month),
            l => (l.Area, l.Month),
            l => (l.Area, l.Duty),
        ];
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var i = 0; i < views.Length; i++)
            {
                changed |= HideWithinLine(views[i], hidden[i]);
            }

            foreach (var total in totals)
            {
                foreach (var group in Enumerable.Range(0, views.Length).GroupBy(i => total(lines[i])).Where(g => g.Count() > 1))
                {
                    foreach (var column in Enum.GetValues<FigureColumn>())
                    {
                        changed |= SmallCounts.HideOneMore(group.ToList(), i => views[i].Value(column), i => hidden[i].Contains(column), i => hidden[i].Add(column));
                    }
                }
            }
        }

        return views.Select((v, i) =>
        {
            // The rate is on time over its base (due less not applicable and closed): shown beside a hidden on-time count
            // it gives that count away, and beside a shown total it gives away a hidden part of the base.
            var rateWithheld = v.Figures.RateBase < minimumBase
                || hidden[i].Contains(FigureColumn.OnTime)
                || (!hidden[i].Contains(FigureColumn.Due) && (hidden[i].Contains(FigureColumn.NotApplicable) || hidden[i].Contains(FigureColumn.ClosedOther)));
            var changeWithheld = rateWithheld || v.Figures.PreviousRateBase is not { } before || before < minimumBase;
            return new PublishedFigures(v.Figures, hidden[i], rateWithheld, changeWithheld);
        }).ToList();
    }

    /// <summary>Hides what one line's own figures would give away; true when it hid anything more.</summary>
    private static bool HideWithinLine(PublishedFigures view, HashSet<FigureColumn> hidden)
    {
        var before = hidden.Count;

        // Due is the sum of the five outcomes: one hidden outcome beside a shown total could be worked out, so hide the
        // next smallest outcome too, or the total itself when every other outcome is nought.
        FigureColumn[] parts = [FigureColumn.OnTime, FigureColumn.Late, FigureColumn.NotApplicable, FigureColumn.ClosedOther, FigureColumn.Open];
        if (!hidden.Contains(FigureColumn.Due) && parts.Count(hidden.Contains) == 1 && !SmallCounts.HideOneMore(parts, view.Value, hidden.Contains, p => hidden.Add(p)))
        {
            hidden.Add(FigureColumn.Due);
        }

        // Overdue is part of open: with open hidden and overdue equal to it, or the other way round, one gives the other away.
        if (hidden.Contains(FigureColumn.Open) != hidden.Contains(FigureColumn.Overdue) && view.Figures.Overdue == view.Figures.Open)
        {
            hidden.Add(FigureColumn.Open);
            hidden.Add(FigureColumn.Overdue);
        }

        return hidden.Count != before;
    }
}

/// <summary>Small-number suppression of plain counts shown for members (overdue by area, not applicable by reason, ...).</summary>
public static class SmallCounts
{
    /// <summary>Whether a count is hidden from members on its own: 1 to 4 ("fewer than 5").</summary>
    public static bool IsSmall(int count) => count is > 0 and < PublishedFigures.SmallNumber;

    /// <summary>
    /// Which of <paramref name="counts"/>, shown together beside their total, members may not see: the small ones, and
    /// where exactly one is small, the next smallest as well, so it cannot be worked out from the total.
    /// </summary>
    public static IReadOnlyList<bool> Hidden(IReadOnlyList<int> counts) => Hidden(counts, c => c, _ => 0);

    /// <summary>
    /// Which of <paramref name="parts"/> members may not see beside their total, shown or hidden: as <see cref="Hidden(IReadOnlyList{int})"/>,
    /// and where the total is hidden but every part is shown, the smallest part as well, so their sum does not give it away.
    /// </summary>
    public static IReadOnlyList<bool> PartsOf(bool totalHidden, IReadOnlyList<int> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hidden = parts.Select(IsSmall).ToArray();
        const int total = -1;
        var members = Enumerable.Range(0, parts.Count).Append(total).ToList();
        while (HideOneMore(members, i => i == total ? 0 : parts[i], i => i == total ? totalHidden : hidden[i], i => hidden[i] = true))
        {
        }

        return hidden;
    }

    /// <summary>
    /// Which of <paramref name="items"/>' counts members may not see, where the items with the same key under each of
    /// <paramref name="totals"/> add up to a total shown somewhere: the small ones, and in any such group where exactly
    /// one is hidden, the next smallest as well; repeated until nothing more needs hiding.
    /// </summary>
    public static IReadOnlyList<bool> Hidden<T>(IReadOnlyList<T> items, Func<T, int> count, params Func<T, object?>[] totals)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(totals);
        var hidden = items.Select(i => IsSmall(count(i))).ToArray();
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var total in totals)
            {
                foreach (var group in Enumerable.Range(0, items.Count).GroupBy(i => total(items[i])))
                {
                    changed |= HideOneMore(group.ToList(), i => count(items[i]), i => hidden[i], i => hidden[i] = true);
                }
            }
        }

        return hidden;
    }

    /// <summary>
    /// Among <paramref name="parts"/> of a shown total: when exactly one is hidden, hides the smallest other part above
    /// nought (the first on a tie). True when it hid one.
    /// </summary>
    public static bool HideOneMore<T>(IReadOnlyList<T> parts, Func<T, int> value, Func<T, bool> isHidden, Action<T> hide)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(isHidden);
        ArgumentNullException.ThrowIfNull(hide);
        if (parts.Count(isHidden) != 1)
        {
            return false;
        }

        var shown = parts.Where(p => !isHidden(p) && value(p) > 0).ToList();
        if (shown.Count == 0)
        {
            return false;
        }

        hide(shown.OrderBy(value).First());
        return true;
    }
}
