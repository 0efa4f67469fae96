using System.Globalization;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;

namespace QaBot.Bot.Dashboard;

/// <summary>
/// The dashboard's quality assurance panel as the page reads it: the reflective case reviews this quarter the viewer
/// may read (counts only) and the audits in progress they may see (counts, and their own cases by reference).
/// </summary>
internal static class AssuranceJson
{
    /// <summary>Themes shown on the panel, most often identified first.</summary>
    public const int MaxThemes = 6;

    private static readonly CultureInfo UkEnglish = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The panel for <paramref name="viewer"/> on <paramref name="today"/>: this quarter's reviews and the audits in progress.</summary>
    public static async Task<object> ForAsync(Person viewer, DateOnly today, ReviewOverview reviews, AuditOverview audits, CancellationToken cancellationToken)
    {
        var (from, to, label) = ReviewPeriods.Of(ReviewPeriod.ThisQuarter, today);
        var summary = reviews.SummariseAsync(viewer, from, to, today, cancellationToken);
        var progress = audits.InProgressForAsync(viewer, today, cancellationToken);
        await Task.WhenAll(summary, progress).ConfigureAwait(false);
        return Of(await summary.ConfigureAwait(false), label, await progress.ConfigureAwait(false));
    }

    public static object Of(ReviewSummary reviews, string periodLabel, AuditProgress audits) => new
    {
        reviews = new
        {
            periodText = $"{periodLabel} ({reviews.From.ToString("d MMM yyyy", UkEnglish)} to {reviews.To.ToString("d MMM yyyy", UkEnglish)})",
            held = reviews.Reviews,
            judgements = reviews.Judgements.Select(j => new { judgement = j.Judgement, count = j.Count }),
            themes = reviews.Themes.Take(MaxThemes).Select(t => new { theme = t.Theme, count = t.Count }),
            actions = new { raised = reviews.Actions.Raised, done = reviews.Actions.Done, open = reviews.Actions.Open, overdue = reviews.Actions.Overdue },
        },
        audits = new
        {
            programme = audits.Programme,
            items = audits.Audits.Select(line =>
            {
                var cases = line.Counted(audits.Programme);
                return new
                {
                    title = line.View.Audit.Title,
                    kind = CaseAudit.KindName(line.View.Audit.Kind),
                    dueText = line.View.Audit.Due.ToString("ddd d MMM yyyy", UkEnglish),
                    overdue = line.IsOverdue(audits.Programme),
                    cases = cases.Count,
                    recorded = cases.Count(c => c.Record is not null),
                    moderated = cases.Count(c => c.Case.Moderation is not null),
                    yoursToRecord = line.OwnToRecord,
                };
            }),
        },
    };
}
