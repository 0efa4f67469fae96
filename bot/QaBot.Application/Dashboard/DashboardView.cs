using QaBot.Application.Compliance;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Application.Dashboard;

/// <summary>The months the dashboard's figures by duty cover.</summary>
public enum DashboardPeriod
{
    /// <summary>The month so far (the default).</summary>
    ThisMonth,

    /// <summary>The month just ended.</summary>
    LastMonth,

    /// <summary>The last twelve months, this one included.</summary>
    LastTwelveMonths,
}

/// <summary>What the dashboard was asked to show: an area to drill into (narrowed to the viewer's scope), a duty family, the months.</summary>
public sealed record DashboardRequest(AreaId? Area, DutyFamily? Family, DashboardPeriod Period)
{
    public static DashboardRequest Default { get; } = new(null, null, DashboardPeriod.ThisMonth);

    /// <summary>The first and last month the figures by duty cover, as of <paramref name="asOf"/>.</summary>
    public (ReportMonth From, ReportMonth To) Months(DateOnly asOf)
    {
        var month = ReportMonth.Of(asOf);
        return Period switch
        {
            DashboardPeriod.LastMonth => (month.Previous(), month.Previous()),
            DashboardPeriod.LastTwelveMonths => (ReportMonth.Of(month.FirstDay.AddMonths(-11)), month),
            _ => (month, month),
        };
    }
}

/// <summary>
/// The dashboard for one viewer, already scoped and, for elected members, already suppressed: every figure here may be
/// shown to them as it is.
/// </summary>
/// <param name="Kind">What the viewer may see (department, their areas, counts only, or their own items only).</param>
/// <param name="Area">The area shown (everything below it included); null when the viewer sees only their own items.</param>
/// <param name="Restricted">The view covers less than was asked, because the viewer may not see the rest.</param>
/// <param name="Total">Every duty together over the period.</param>
/// <param name="ByDuty">One line per duty over the period.</param>
/// <param name="Trend">Per duty family, one line per month of the last twelve.</param>
/// <param name="Overdue">Overdue now, by the areas directly below the one shown and duty, largest first.</param>
/// <param name="NotApplicable">Not applicable over the period, by reason.</param>
/// <param name="Children">The areas to drill into, each with its figures over the period.</param>
/// <param name="People">For a manager looking at their own team: the people they manage and their overdue items. Empty otherwise.</param>
public sealed record DashboardView(
    DateOnly AsOf,
    ScopeKind Kind,
    AreaId? Area,
    bool Restricted,
    ReportMonth From,
    ReportMonth To,
    PublishedFigures? Total,
    IReadOnlyList<PublishedFigures> ByDuty,
    IReadOnlyList<DashboardTrendLine> Trend,
    IReadOnlyList<DashboardOverdue> Overdue,
    IReadOnlyList<DashboardCount> NotApplicable,
    IReadOnlyList<DashboardChild> Children,
    IReadOnlyList<DashboardPerson> People)
{
    public bool NamesVisible => Kind is ScopeKind.Areas or ScopeKind.Department;
}

/// <summary>One family's figures in one month.</summary>
public sealed record DashboardTrendLine(DutyFamily Family, ReportMonth Month, PublishedFigures Figures);

/// <summary>Overdue items of one duty below one area; <see cref="CountHidden"/> when it is a small number an elected member may not see.</summary>
public sealed record DashboardOverdue(AreaId Area, DutyId Duty, int Count, bool CountHidden, DateOnly OldestDue);

/// <summary>A count with a label (a reason code); <see cref="Hidden"/> when it is a small number an elected member may not see.</summary>
public sealed record DashboardCount(string Key, int Count, bool Hidden);

/// <summary>An area to drill into, with its figures over the period (none when nothing fell due there).</summary>
public sealed record DashboardChild(Area Area, PublishedFigures? Figures, int Overdue, bool OverdueHidden);

/// <summary>Someone a manager manages, with how many of their items are overdue now and the oldest due date.</summary>
public sealed record DashboardPerson(PersonId Id, string Name, int Overdue, DateOnly? OldestDue);

/// <summary>The area an export covers (none when the viewer may export nothing, or must choose one of <see cref="Choices"/>) and its audience.</summary>
public sealed record DashboardExportScope(AreaId? Area, ReportAudience Audience, IReadOnlyList<AreaId> Choices);
