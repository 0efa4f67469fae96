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
/// withheld where they rest on fewer items than the minimum base. Officers see every figure.
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

    /// <summary>The members' view, with small numbers suppressed.</summary>
    public static PublishedFigures ForMembers(ComplianceFigures figures, int minimumBase)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var hidden = new HashSet<FigureColumn>();
        var view = InFull(figures);
        foreach (var column in Enum.GetValues<FigureColumn>())
        {
            if (view.Value(column) is > 0 and < SmallNumber)
            {
                hidden.Add(column);
            }
        }

        // Due is the sum of the five outcomes: one hidden outcome beside a shown total could be worked out, so hide the
        // next smallest outcome too.
        FigureColumn[] parts = [FigureColumn.OnTime, FigureColumn.Late, FigureColumn.NotApplicable, FigureColumn.ClosedOther, FigureColumn.Open];
        if (!hidden.Contains(FigureColumn.Due) && parts.Count(hidden.Contains) == 1)
        {
            var next = parts.Where(p => !hidden.Contains(p) && view.Value(p) > 0).OrderBy(view.Value).ThenBy(p => p).FirstOrDefault(FigureColumn.Due);
            hidden.Add(next);
        }

        // Overdue is part of open: with open hidden and overdue equal to it, or the other way round, one gives the other away.
        if (hidden.Contains(FigureColumn.Open) != hidden.Contains(FigureColumn.Overdue) && figures.Overdue == figures.Open)
        {
            hidden.Add(FigureColumn.Open);
            hidden.Add(FigureColumn.Overdue);
        }

        var rateWithheld = figures.RateBase < minimumBase;
        var changeWithheld = rateWithheld || figures.PreviousRateBase is not { } before || before < minimumBase;
        return new PublishedFigures(figures, hidden, rateWithheld, changeWithheld);
    }
}
