using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Composition.Reports;
using QaBot.Core.Calendar;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot report reviews</c>: the QA team's summary of reflective case reviews over a period, on screen or as a
/// workbook for the senior management team (docs/quality-assurance.md). Counts only, every review in the department.
/// </summary>
internal static class ReviewCommands
{
    public static Command Summary(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The first day, yyyy-MM-dd.", Required = true };
        var to = new Option<string>("--to") { Description = "The last day, yyyy-MM-dd.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write a workbook (sheets Summary, Themes, By service, By month, Learning days) to this .xlsx file instead of the screen." };
        var reviews = new Command("reviews", "Reflective case reviews held in a period: judgements, themes, by service and month, and their actions; and the practice learning days in it.") { from, to, output };
        reviews.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (!TryDate(parseResult.GetValue(from), out var first) || !TryDate(parseResult.GetValue(to), out var last))
            {
                await context.Error.WriteLineAsync("--from and --to are days in the form yyyy-MM-dd, for example --from 2026-10-01 --to 2026-12-31.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            if (last < first)
            {
                await context.Error.WriteLineAsync($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var today = context.Services.GetRequiredService<CouncilCalendar>().LocalDateOf(context.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var summary = await context.Services.GetRequiredService<ReviewOverview>().SummariseAsync(null, first, last, today, cancellationToken).ConfigureAwait(false);
            var title = $"Reflective case reviews, {UkDates.Format(first)} to {UkDates.Format(last)}, the whole department, as at {UkDates.Format(today)}";
            var days = (await context.Services.GetRequiredService<LearningDayProgramme>().ListAsync(cancellationToken).ConfigureAwait(false))
                .Where(d => d.Day.Date >= first && d.Day.Date <= last).ToList();
            if (parseResult.GetValue(output) is { } path)
            {
                await using (var file = File.Create(path))
                {
                    ReviewWorkbook.Write(file, summary, title, days, today);
                }

                await context.Output.WriteLineAsync($"Wrote {path}: {title} ({UkDates.Count(summary.Reviews, "review", "reviews")}).").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            await context.Output.WriteLineAsync(title).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"{UkDates.Count(summary.Reviews, "review", "reviews")} held. Actions: {summary.Actions.Raised} raised, {summary.Actions.Done} done, {summary.Actions.Open} still open ({summary.Actions.Overdue} overdue).").ConfigureAwait(false);
            if (days.Count > 0)
            {
                await context.Output.WriteLineAsync().ConfigureAwait(false);
                var dayLines = ReviewWorkbook.DayLines(days, today);
                await TextTable.WriteAsync(context.Output, [.. dayLines[0].Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? string.Empty)],
                    [.. dayLines.Skip(1).Select(l => l.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? string.Empty).ToArray())]).ConfigureAwait(false);
            }

            if (summary.Reviews == 0)
            {
                return CliErrors.Ok;
            }

            await context.Output.WriteLineAsync().ConfigureAwait(false);
            await TextTable.WriteAsync(context.Output, ["Theme", "Reviews"], [.. summary.Themes.Select(t => new[] { t.Theme, t.Count.ToString(CultureInfo.InvariantCulture) })]).ConfigureAwait(false);
            await context.Output.WriteLineAsync().ConfigureAwait(false);
            var lines = ReviewWorkbook.Lines("Service", summary, summary.Services);
            await TextTable.WriteAsync(context.Output, [.. lines[0].Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? string.Empty)],
                [.. lines.Skip(1).Select(l => l.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? string.Empty).ToArray())]).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return reviews;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
