using System.Globalization;
using QaBot.Application.Compliance;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Compliance;

/// <summary>
/// The answer to "how are we doing": last month's on-time rate for the viewer's area, the change from the month
/// before, and the duties with the lowest rates first. Elected members see suppressed counts, never names (the model
/// holds none). The figures are the report's, so the card, the CSV and the workbook agree.
/// </summary>
public sealed class ComplianceCardBuilder
{
    /// <summary>Duties listed on the card, weakest first; the rest are in the report.</summary>
    public const int MaxDuties = 8;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private readonly FrameworkCatalogue _catalogue;

    public ComplianceCardBuilder(FrameworkCatalogue catalogue) => _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));

    public AdaptiveCard Build(ComplianceAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var month = Period(answer);
        if (answer.Kind == ScopeKind.OwnItems)
        {
            const string Text = "On-time figures are for those who lead or monitor an area. Ask \"my tasks\" for what is due for you.";
            return AdaptiveCard.FullWidth([new TextBlock { Text = Text, Wrap = true }], "QaBot: " + Text);
        }

        var label = Label(answer);
        var title = answer.DutyLabel is { } asked ? $"On time in {label}: {asked}" : $"On time in {label}";
        var body = new List<CardElement>
        {
            new TextBlock { Text = title, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = $"{month} · as at {UkDates.Format(answer.AsOf)}" + (answer.Kind == ScopeKind.CountsOnly ? " · counts without staff names, numbers under 5 not shown" : string.Empty),
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };

        if (answer.Restricted)
        {
            body.Add(new TextBlock { Text = $"You asked about more than you lead or monitor, so this shows {label} only.", Wrap = true, Spacing = Spacing.Small });
        }

        if (answer.Total is not { } total || total.Figures.Due == 0)
        {
            body.Add(new TextBlock { Text = $"Nothing fell due in {label} in {month}.", Wrap = true, Spacing = Spacing.Medium });
            return AdaptiveCard.FullWidth(body, $"QaBot: nothing fell due in {label} in {month}.");
        }

        var headline = Headline(total, month);
        body.Add(new TextBlock { Text = headline, Wrap = true, Size = TextSize.Medium, Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
        body.Add(new TextBlock { Text = Breakdown(total), Wrap = true, IsSubtle = true, Spacing = Spacing.None });

        var duties = answer.ByDuty
            .Where(d => d.Figures.Due > 0)
            .OrderBy(d => d.RateWithheld || d.Figures.OnTimeRate is null ? 2.0 : d.Figures.OnTimeRate.Value)
            .ThenByDescending(d => d.Figures.Due)
            .ThenBy(d => d.Figures.Duty?.Value, StringComparer.Ordinal)
            .ToList();
        if (Chart(answer) is { } chart)
        {
            body.Add(chart);
        }

        body.Add(new TextBlock { Text = "By duty, lowest on-time rate first", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true });
        body.Add(new FactSet
        {
            Facts = duties.Take(MaxDuties).Select(d => new Fact(Rate(d), $"{DutyWording.TitleOf(d.Figures.Duty!.Value, _catalogue)} · {Detail(d, answer.Kind)}")).ToList(),
            Spacing = Spacing.Small,
        });
        if (duties.Count > MaxDuties)
        {
            body.Add(new TextBlock { Text = $"And {UkDates.Count(duties.Count - MaxDuties, "other duty", "other duties")} in the full report.", Wrap = true, IsSubtle = true });
        }

        body.Add(new TextBlock
        {
            Text = "On time means done by the due date in force, after any allowed reschedule; the rate leaves out items that did not apply. The QA team can produce the full report by area, duty and month, as a workbook.",
            Wrap = true,
            IsSubtle = true,
            Spacing = Spacing.Medium,
        });
        return AdaptiveCard.FullWidth(body, $"QaBot: {headline}");
    }

    /// <summary>The areas the answer covers, for people to read.</summary>
    public static string Label(ComplianceAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var names = answer.Areas.Select(a => answer.Tree.Find(a)?.Name ?? a.Value).ToList();
        return names.Count switch
        {
            0 => "your area",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
        };
    }

    /// <summary>The months the answer covers, as a council writes them: "October 2026", "July to September 2026".</summary>
    public static string Period(ComplianceAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.From == answer.Month)
        {
            return answer.Month.ToDisplay();
        }

        var from = answer.From.FirstDay.ToString(answer.From.Year == answer.Month.Year ? "MMMM" : "MMMM yyyy", EnGb);
        return $"{from} to {answer.Month.ToDisplay()}";
    }

    /// <summary>A small bar chart of the on-time rate month by month (the month before included), with a table for clients without charts.</summary>
    private static BarChart? Chart(ComplianceAnswer answer)
    {
        var months = answer.ByMonth.Where(m => m.Figures.Due > 0 && m.Figures.Month is not null).ToList();
        if (months.Count == 0)
        {
            return null;
        }

        string Name(PublishedFigures line) => line.Figures.Month!.Value.FirstDay.ToString("MMM yyyy", EnGb);
        return new BarChart
        {
            Title = "On-time rate by month, %",
            XAxisTitle = "Month",
            YAxisTitle = "% on time",
            ShowBarValues = true,
            Data = months.Where(m => !m.RateWithheld && m.Figures.OnTimeRate is not null)
                .Select(m => new ChartPoint(Name(m), Math.Round(m.Figures.OnTimeRate!.Value * 100, 1)))
                .ToList(),
            Fallback = new Table
            {
                Columns = [new TableColumn(2), new TableColumn(1), new TableColumn(1)],
                FirstRowAsHeader = true,
                ShowGridLines = false,
                Rows =
                [
                    Row("Month", "On time", "Due"),
                    .. months.Select(m => Row(Name(m), Rate(m), Count(m, FigureColumn.Due))),
                ],
            },
            Spacing = Spacing.Medium,
        };
    }

    private static TableRow Row(params string[] cells) =>
        new([.. cells.Select(c => new TableCell([new TextBlock { Text = c, Wrap = true }]))]);

    private static string Headline(PublishedFigures total, string month)
    {
        if (total.RateWithheld || total.Figures.OnTimeRate is not { } rate)
        {
            return $"{Count(total, FigureColumn.Due)} due in {month}: too few to give a rate";
        }

        var change = total.ChangeWithheld || total.Figures.ChangePoints is not { } points
            ? string.Empty
            : points == 0 ? ", the same as the month before" : string.Create(EnGb, $", {(points > 0 ? "up" : "down")} {Math.Abs(points):0.0} points on the month before");
        return string.Create(EnGb, $"{rate:0%} done on time in {month}{change}");
    }

    private static string Breakdown(PublishedFigures total) =>
        $"{Count(total, FigureColumn.Due)} due · {Count(total, FigureColumn.OnTime)} on time · {Count(total, FigureColumn.Late)} late · " +
        $"{Count(total, FigureColumn.NotApplicable)} not applicable · {Count(total, FigureColumn.Open)} still open, {Count(total, FigureColumn.Overdue)} of them overdue";

    private static string Rate(PublishedFigures line) =>
        line.RateWithheld || line.Figures.OnTimeRate is not { } rate ? "–" : rate.ToString("0%", EnGb);

    /// <summary>
    /// Officers see how many of how many were on time; members see only how many fell due, since the rate's base beside
    /// a shown total could give a hidden count away.
    /// </summary>
    private static string Detail(PublishedFigures line, ScopeKind kind) =>
        kind == ScopeKind.CountsOnly
            ? $"{Count(line, FigureColumn.Due)} due"
            : $"{line.Figures.OnTime.ToString("N0", EnGb)} of {line.Figures.RateBase.ToString("N0", EnGb)} on time";

    private static string Count(PublishedFigures line, FigureColumn column) =>
        line.IsHidden(column) ? PublishedFigures.FewerThanFive : line.Value(column).ToString("N0", EnGb);
}
