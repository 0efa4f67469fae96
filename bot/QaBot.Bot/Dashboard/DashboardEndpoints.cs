using System.Text;
using QaBot.Application.Assurance;
using QaBot.Application.Compliance;
using QaBot.Application.Dashboard;
using QaBot.Application.Organisation;
using QaBot.Composition.Reports;
using QaBot.Core.Calendar;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Bot.Dashboard;

/// <summary>
/// <c>GET /api/dashboard?area=&amp;duty=&amp;period=</c> (the view as JSON) and <c>GET /api/dashboard/export?format=csv|xlsx</c>
/// (the same numbers as <c>qabot report compliance</c>), and <c>GET /api/dashboard/assurance</c> (reviews and audits),
/// for the signed-in person's scope only (docs/dashboard.md).
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/dashboard", GetAsync);
        app.MapGet("/api/dashboard/export", ExportAsync);
        app.MapGet("/api/dashboard/assurance", AssuranceAsync);
        return app;
    }

    /// <summary>The quality assurance panel: this quarter's reviews the viewer may read and the audits in progress they may see.</summary>
    private static async Task<IResult> AssuranceAsync(HttpContext context, DashboardViewer viewers, ReviewOverview reviews, AuditOverview audits, CouncilCalendar calendar, TimeProvider time)
    {
        var (viewer, refusal) = await viewers.ResolveAsync(context).ConfigureAwait(false);
        if (viewer is null)
        {
            return refusal!;
        }

        var panel = await AssuranceJson.ForAsync(viewer, calendar.LocalDateOf(time.GetUtcNow()), reviews, audits, context.RequestAborted).ConfigureAwait(false);
        NoStore(context);
        return Results.Json(panel);
    }

    private static async Task<IResult> GetAsync(HttpContext context, DashboardViewer viewers, AreaTreeCache areas, DashboardQuery query, CouncilCalendar calendar, TimeProvider time, FrameworkCatalogue catalogue)
    {
        var (viewer, refusal) = await viewers.ResolveAsync(context).ConfigureAwait(false);
        if (viewer is null)
        {
            return refusal!;
        }

        var tree = await areas.GetAsync(context.RequestAborted).ConfigureAwait(false);
        if (!TryRead(context.Request.Query, tree, out var request, out var problem))
        {
            return problem!;
        }

        var asOf = calendar.LocalDateOf(time.GetUtcNow());
        var view = await query.RunAsync(viewer, tree, asOf, request, context.RequestAborted).ConfigureAwait(false);
        NoStore(context);
        return Results.Json(DashboardJson.Of(view, viewer, tree, catalogue));
    }

    private static async Task<IResult> ExportAsync(HttpContext context, DashboardViewer viewers, AreaTreeCache areas, DashboardQuery query, ComplianceExport export, CouncilCalendar calendar, TimeProvider time)
    {
        var (viewer, refusal) = await viewers.ResolveAsync(context).ConfigureAwait(false);
        if (viewer is null)
        {
            return refusal!;
        }

        var format = context.Request.Query["format"].ToString();
        if (format is not ("csv" or "xlsx"))
        {
            return BadRequest($"format '{format}' is not one the export writes: csv or xlsx.");
        }

        var tree = await areas.GetAsync(context.RequestAborted).ConfigureAwait(false);
        if (!TryRead(context.Request.Query, tree, out var request, out var problem))
        {
            return problem!;
        }

        var asOf = calendar.LocalDateOf(time.GetUtcNow());
        var scope = query.ExportScope(viewer, tree, asOf, request.Area);
        if (scope.Area is not { } area)
        {
            return scope.Choices.Count == 0
                ? Results.Problem("The export covers the areas you lead or oversee; you have none.", statusCode: StatusCodes.Status403Forbidden)
                : BadRequest($"Choose one of your areas with area=: {string.Join(", ", scope.Choices.Select(a => a.Value))}.");
        }

        var (from, to) = request.Months(asOf);
        var report = new ComplianceReportRequest(area, from, to, ComplianceGrouping.Area, scope.Audience, asOf);
        var name = $"compliance-{area.Value}-{from}-{to}";
        NoStore(context);
        if (format == "csv")
        {
            using var writer = new StringWriter();
            await export.WriteCsvAsync(writer, tree, report, context.RequestAborted).ConfigureAwait(false);
            return Results.File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray(), "text/csv; charset=utf-8", name + ".csv");
        }

        var stream = new MemoryStream();
        await export.WriteWorkbookAsync(stream, tree, report, context.RequestAborted).ConfigureAwait(false);
        stream.Position = 0;
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    /// <summary>Reads area (an area id), duty (a family key) and period; a clear 400 naming the field for anything else.</summary>
    private static bool TryRead(IQueryCollection query, AreaTree tree, out DashboardRequest request, out IResult? problem)
    {
        request = DashboardRequest.Default;
        problem = null;
        AreaId? area = null;
        if (query["area"].ToString() is { Length: > 0 } areaText)
        {
            if (!AreaId.TryParse(areaText, out var id) || tree.Find(id) is null)
            {
                problem = BadRequest($"area '{areaText}' is not an area of the directory.");
                return false;
            }

            area = id;
        }

        DutyFamily? family = null;
        if (query["duty"].ToString() is { Length: > 0 } dutyText)
        {
            if (!DutyFamilies.TryParseKey(dutyText, out var parsed))
            {
                problem = BadRequest($"duty '{dutyText}' is not a duty family: {string.Join(", ", Enum.GetValues<DutyFamily>().Select(DutyFamilies.Key))}.");
                return false;
            }

            family = parsed;
        }

        var periodText = query["period"].ToString();
        DashboardPeriod? period = periodText switch
        {
            "" or "this-month" => DashboardPeriod.ThisMonth,
            "last-month" => DashboardPeriod.LastMonth,
            "12-months" => DashboardPeriod.LastTwelveMonths,
            _ => null,
        };
        if (period is null)
        {
            problem = BadRequest($"period '{periodText}' is not a period the dashboard shows: this-month, last-month or 12-months.");
            return false;
        }

        request = new DashboardRequest(area, family, period.Value);
        return true;
    }

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    // Figures are personal to the viewer's scope: never kept by a shared cache.
    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
