using System.Globalization;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Reports;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;

namespace QaBot.Conversations.Reports;

/// <summary>
/// The monthly performance report card for a channel: the month's on-time rate and its change, a chart of the areas
/// one level below (a table for clients without charts), the rate by duty, the five weakest area and duty lines, and
/// how to get the full workbook. Members' channels get the suppressed figures: hidden counts read "fewer than 5" and
/// withheld rates "–". The figures are the report's, so the card and <c>qabot report compliance</c> agree.
/// </summary>
public sealed class MonthlyReportCardBuilder : IMonthlyReportRenderer
{
    /// <summary>Duties listed on the card, weakest first; the rest are in the workbook.</summary>
    public const int MaxDuties = 10;

    /// <summary>What a withheld rate or change shows.</summary>
    public const string Withheld = "–";

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private readonly FrameworkCatalogue _catalogue;

    public MonthlyReportCardBuilder(FrameworkCatalogue catalogue) => _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));

    public OutboundMessage Render(MonthlyReport report)
    {
        var card = Build(report);
        return OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
    }

    public AdaptiveCard Build(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var month = report.Month.ToDisplay();
        var members = report.Channel.Audience == ReportAudience.Members;
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Performance report: {report.Area.Name}", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = $"On-time rates for {month} · published {UkDates.Format(report.AsOf)}" + (members ? " · counts without staff names, numbers under 5 not shown" : string.Empty),
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };

        if (report.Total is not { } total || total.Figures.Due == 0)
        {
            body.Add(new TextBlock { Text = $"Nothing fell due in {report.Area.Name} in {month}.", Wrap = true, Spacing = Spacing.Medium });
            body.Add(Workbook(report));
            return AdaptiveCard.FullWidth(body, $"QaBot: nothing fell due in {report.Area.Name} in {month}.");
        }

        var headline = Headline(total, report.Month);
        body.Add(new TextBlock { Text = headline, Wrap = true, Size = TextSize.Medium, Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
        body.Add(new TextBlock { Text = Breakdown(total), Wrap = true, IsSubtle = true, Spacing = Spacing.None });

        var areas = report.ByArea.Where(a => a.Figures.Due > 0).OrderBy(a => AreaName(report, a), StringComparer.Ordinal).ToList();
        if (areas.Count > 0)
        {
            body.Add(Heading("On time by area"));
            body.Add(Chart("On-time rate by area, %", "Area", areas.Select(a => (AreaName(report, a), a)).ToList()));
        }

        var duties = report.ByDuty
            .Where(d => d.Figures.Due > 0)
            .OrderBy(d => d.RateWithheld || d.Figures.OnTimeRate is null ? 2.0 : d.Figures.OnTimeRate.Value)
            .ThenBy(d => d.Figures.Duty?.Value, StringComparer.Ordinal)
            .ToList();
        body.Add(Heading("By duty, lowest on-time rate first"));
        body.Add(RateTable("Duty", duties.Take(MaxDuties).Select(d => (DutyWording.TitleOf(d.Figures.Duty!.Value, _catalogue), d)).ToList()));
        if (duties.Count > MaxDuties)
        {
            body.Add(new TextBlock { Text = $"And {UkDates.Count(duties.Count - MaxDuties, "other duty", "other duties")} in the workbook.", Wrap = true, IsSubtle = true });
        }

        body.Add(Heading("The five weakest"));
        body.Add(report.Weakest.Count == 0
            ? new TextBlock { Text = "No area and duty had enough items due to compare.", Wrap = true, IsSubtle = true }
            : new FactSet
            {
                Facts = report.Weakest.Select(w => new Fact(Rate(w), $"{DutyWording.TitleOf(w.Figures.Duty!.Value, _catalogue)} in {AreaName(report, w)} · {Count(w, FigureColumn.Due)} due")).ToList(),
                Spacing = Spacing.Small,
            });

        body.Add(new TextBlock
        {
            Text = "On time means done by the due date in force, after any allowed reschedule; the rate leaves out items that did not apply. Change is in percentage points on the month before.",
            Wrap = true,
            IsSubtle = true,
            Spacing = Spacing.Medium,
        });
        body.Add(Workbook(report));
        return AdaptiveCard.FullWidth(body, $"QaBot: {report.Area.Name}, {headline}");
    }

    private static TextBlock Workbook(MonthlyReport report)
    {
        var audience = report.Channel.Audience == ReportAudience.Members ? " --audience members" : string.Empty;
        return new TextBlock
        {
            Text = $"The full workbook, by area, duty and month, comes from the QA team: `qabot report compliance --from {report.Month} --to {report.Month} --area {report.Area.Id.Value}{audience} --format xlsx --out report.xlsx`.",
            Wrap = true,
            IsSubtle = true,
            Spacing = Spacing.Small,
        };
    }

    private static TextBlock Heading(string text) =>
        new() { Text = text, Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true };

    /// <summary>A bar per line with a shown rate; the fallback is the table of every line, withheld rates included.</summary>
    private static BarChart Chart(string title, string label, IReadOnlyList<(string Name, PublishedFigures Line)> lines) => new()
    {
        Title = title,
        XAxisTitle = label,
        YAxisTitle = "% on time",
        ShowBarValues = true,
        Data = lines
            .Where(l => !l.Line.RateWithheld && l.Line.Figures.OnTimeRate is not null)
            .Select(l => new ChartPoint(l.Name, Math.Round(l.Line.Figures.OnTimeRate!.Value * 100, 1)))
            .ToList(),
        Fallback = RateTable(label, lines),
        Spacing = Spacing.Small,
    };

    private static Table RateTable(string label, IReadOnlyList<(string Name, PublishedFigures Line)> lines) => new()
    {
        Columns = [new TableColumn(3), new TableColumn(1), new TableColumn(1), new TableColumn(1)],
        FirstRowAsHeader = true,
        ShowGridLines = false,
        Rows = [Row(label, "On time", "Change", "Due"), .. lines.Select(l => Row(l.Name, Rate(l.Line), Change(l.Line), Count(l.Line, FigureColumn.Due)))],
        Spacing = Spacing.Small,
    };

    private static TableRow Row(params string[] cells) =>
        new([.. cells.Select(c => new TableCell([new TextBlock { Text = c, Wrap = true }]))]);

    private static string Headline(PublishedFigures total, ReportMonth month)
    {
        if (total.RateWithheld || total.Figures.OnTimeRate is not { } rate)
        {
            return $"{Count(total, FigureColumn.Due)} due in {month.ToDisplay()}: too few to give a rate";
        }

        var change = total.ChangeWithheld || total.Figures.ChangePoints is not { } points
            ? string.Empty
            : points == 0
                ? $", the same as {month.Previous().ToDisplay()}"
                : string.Create(EnGb, $", {(points > 0 ? "up" : "down")} {Math.Abs(points):0.0} points on {month.Previous().ToDisplay()}");
        return string.Create(EnGb, $"{rate:0%} done on time in {month.ToDisplay()}{change}");
    }

    private static string Breakdown(PublishedFigures total) =>
        $"{Count(total, FigureColumn.Due)} due · {Count(total, FigureColumn.OnTime)} on time · {Count(total, FigureColumn.Late)} late · " +
        $"{Count(total, FigureColumn.NotApplicable)} not applicable · {Count(total, FigureColumn.Open)} still open, {Count(total, FigureColumn.Overdue)} of them overdue";

    private static string AreaName(MonthlyReport report, PublishedFigures line) =>
        report.Tree.Find(line.Figures.Area)?.Name ?? line.Figures.Area.Value;

    private static string Rate(PublishedFigures line) =>
        line.RateWithheld || line.Figures.OnTimeRate is not { } rate ? Withheld : rate.ToString("0%", EnGb);

    private static string Change(PublishedFigures line) =>
        line.ChangeWithheld || line.Figures.ChangePoints is not { } points ? Withheld : points.ToString("+0.0;−0.0;0.0", EnGb);

    private static string Count(PublishedFigures line, FigureColumn column) =>
        line.IsHidden(column) ? PublishedFigures.FewerThanFive : line.Value(column).ToString("N0", EnGb);
}
