using System.Globalization;
using QaBot.Application.Dashboard;
using QaBot.Conversations.Text;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Bot.Dashboard;

/// <summary>
/// The dashboard view as the page reads it. A suppressed count is sent as null with its column in <c>hidden</c>, and a
/// withheld rate as null: a number an elected member may not see never leaves the server.
/// </summary>
internal static class DashboardJson
{
    private static readonly CultureInfo UkEnglish = CultureInfo.GetCultureInfo("en-GB");

    public static object Of(DashboardView view, Person viewer, AreaTree tree, FrameworkCatalogue catalogue) => new
    {
        asOf = view.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        asOfText = view.AsOf.ToString("ddd d MMM yyyy", UkEnglish),
        viewer = view.NamesVisible ? viewer.DisplayName : null,
        scope = view.Kind.ToString(),
        namesVisible = view.NamesVisible,
        restricted = view.Restricted,
        area = view.Area is { } area ? AreaOf(tree, area) : null,
        path = view.Area is { } shown ? tree.Ancestors(shown).Reverse().Select(a => AreaOf(tree, a.Id)).Append(AreaOf(tree, shown)).ToList() : [],
        from = view.From.ToString(),
        to = view.To.ToString(),
        periodText = view.From == view.To ? view.To.ToDisplay() : $"{view.From.ToDisplay()} to {view.To.ToDisplay()}",
        total = view.Total is { } total ? Figures(total) : null,
        byDuty = view.ByDuty.Select(l => new { duty = l.Figures.Duty!.Value.Value, title = DutyWording.TitleOf(l.Figures.Duty!.Value, catalogue), family = DutyFamilies.Key(DutyFamilies.Of(l.Figures.Duty!.Value, catalogue)), figures = Figures(l) }),
        families = Enum.GetValues<DutyFamily>().Select(f => new { key = DutyFamilies.Key(f), title = DutyFamilies.Title(f) }),
        trend = view.Trend.Select(t => new { family = DutyFamilies.Key(t.Family), month = t.Month.ToString(), monthText = t.Month.FirstDay.ToString("MMM yyyy", UkEnglish), figures = Figures(t.Figures) }),
        overdue = view.Overdue.Select(o => new
        {
            area = AreaOf(tree, o.Area),
            duty = o.Duty.Value,
            title = DutyWording.TitleOf(o.Duty, catalogue),
            count = o.CountHidden ? (int?)null : o.Count,
            hidden = o.CountHidden,
            oldestDue = o.OldestDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            oldestDueText = o.OldestDue.ToString("ddd d MMM yyyy", UkEnglish),
        }),
        longestOverdue = view.Overdue.Count == 0 ? null : view.Overdue.Min(o => o.OldestDue).ToString("ddd d MMM yyyy", UkEnglish),
        notApplicable = view.NotApplicable.Select(r => new { reason = r.Key, count = r.Hidden ? (int?)null : r.Count, hidden = r.Hidden }),
        children = view.Children.Select(c => new
        {
            area = AreaOf(tree, c.Area.Id),
            kind = c.Area.Kind.ToString(),
            figures = c.Figures is { } f ? Figures(f) : null,
            overdue = c.OverdueHidden ? (int?)null : c.Overdue,
            overdueHidden = c.OverdueHidden,
        }),
        people = view.People.Select(p => new
        {
            id = p.Id.Value,
            name = p.Name,
            overdue = p.Overdue,
            oldestDueText = p.OldestDue?.ToString("ddd d MMM yyyy", UkEnglish),
        }),
    };

    private static object AreaOf(AreaTree tree, AreaId id) => new { id = id.Value, name = tree.Find(id)?.Name ?? id.Value, path = tree.PathOf(id) };

    private static object Figures(PublishedFigures line)
    {
        int? Shown(FigureColumn column) => line.IsHidden(column) ? null : line.Value(column);
        var f = line.Figures;
        return new
        {
            due = Shown(FigureColumn.Due),
            onTime = Shown(FigureColumn.OnTime),
            late = Shown(FigureColumn.Late),
            notApplicable = Shown(FigureColumn.NotApplicable),
            closedOther = Shown(FigureColumn.ClosedOther),
            open = Shown(FigureColumn.Open),
            overdue = Shown(FigureColumn.Overdue),
            onTimeRate = line.RateWithheld || f.OnTimeRate is not { } rate ? (double?)null : Math.Round(rate * 100, 1),
            changePoints = line.ChangeWithheld ? null : f.ChangePoints,
            hidden = line.Hidden.Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList(),
        };
    }
}
