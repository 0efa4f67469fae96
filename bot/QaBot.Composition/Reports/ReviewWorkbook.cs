using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;

namespace QaBot.Composition.Reports;

/// <summary>
/// The reflective case review summary as a workbook for the senior management team's report: sheets "Summary"
/// (reviews, judgements and actions), "Themes", "By service", "By month" and "Learning days" (the practice learning
/// days in the period, their activities counted and the follow-up visits). Counts only: no cases or names of children.
/// </summary>
public static class ReviewWorkbook
{
    public const string Summary = "Summary";
    public const string Themes = "Themes";
    public const string ByService = "By service";
    public const string ByMonth = "By month";
    public const string LearningDays = "Learning days";

    public static void Write(Stream stream, ReviewSummary summary, string title, IReadOnlyList<LearningDayView> days, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(days);
        using var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        ComplianceWorkbook.AddStyles(workbookPart);
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());

        var overview = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Measure", "Count" },
            new object?[] { "Report", title },
            new object?[] { "Period", $"{summary.From.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} to {summary.To.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}" },
            new object?[] { "Reviews held", summary.Reviews },
        };
        overview.AddRange(summary.Judgements.Select(j => (IReadOnlyList<object?>)["Judged " + j.Judgement, j.Count]));
        overview.Add(["Actions raised", summary.Actions.Raised]);
        overview.Add(["Actions done", summary.Actions.Done]);
        overview.Add(["Actions still open", summary.Actions.Open]);
        overview.Add(["Actions overdue", summary.Actions.Overdue]);
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 1, Summary, overview, [36, 60], frozenHeader: true);

        var themes = new List<IReadOnlyList<object?>> { new object?[] { "Theme", "Reviews" } };
        themes.AddRange(summary.Themes.Select(t => (IReadOnlyList<object?>)[t.Theme, t.Count]));
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 2, Themes, themes, [40, 10], frozenHeader: true);

        ComplianceWorkbook.AddSheet(workbookPart, sheets, 3, ByService, Lines("Service", summary, summary.Services), Widths(summary), frozenHeader: true);
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 4, ByMonth, Lines("Month", summary, summary.Months), Widths(summary), frozenHeader: true);
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 5, LearningDays, DayLines(days, today), [12, 44, 30, 24, 8, 50, 18, 40], frozenHeader: true);
        workbookPart.Workbook.Save();
    }

    /// <summary>One row per service or month: reviews, the count per judgement, the most common theme and the actions raised.</summary>
    public static List<IReadOnlyList<object?>> Lines(string first, ReviewSummary summary, IReadOnlyList<ReviewGroupLine> lines)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(lines);
        var rows = new List<IReadOnlyList<object?>> { new List<object?> { first, "Reviews" }.Concat(summary.Judgements.Select(j => j.Judgement)).Concat(["Most common theme", "Actions raised"]).ToList() };
        rows.AddRange(lines.Select(l => (IReadOnlyList<object?>)new List<object?> { l.Name, l.Reviews }.Concat(l.Judgements.Cast<object?>()).Concat([l.TopTheme, l.ActionsRaised]).ToList()));
        return rows;
    }

    /// <summary>One row per practice learning day, earliest first: its date, title, service, lead, people, activities counted by kind, state and follow-up visits.</summary>
    public static List<IReadOnlyList<object?>> DayLines(IReadOnlyList<LearningDayView> days, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(days);
        var rows = new List<IReadOnlyList<object?>> { new object?[] { "Date", "Practice learning day", "Service", "Led by", "People", "Activities", "State", "Follow-up visits" } };
        rows.AddRange(days.OrderBy(d => d.Day.Date).ThenBy(d => d.Day.Id, StringComparer.Ordinal).Select(d => (IReadOnlyList<object?>)new object?[]
        {
            UkDates.Format(d.Day.Date), d.Day.Title, d.ServiceName, d.LeadName, d.Day.Participants.Count, LearningDayText.Activities(d.Day),
            LearningDayText.State(d.Day, today), string.Join("; ", d.Visits.Select(v => LearningDayText.Visit(v, today))),
        }));
        return rows;
    }

    private static double[] Widths(ReviewSummary summary) => [40, 10, .. summary.Judgements.Select(_ => 14.0), 30, 12];
}
