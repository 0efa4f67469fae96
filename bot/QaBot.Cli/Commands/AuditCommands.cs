using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Governance;
using QaBot.Composition.Governance;
using QaBot.Core.Calendar;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot audit</c>: the audit trail about a person, an item or an area, on screen or as CSV or a workbook; and
/// <c>qabot audit --looks</c>: the governance log of every audit query, backup and restore. Every run is itself recorded.
/// </summary>
internal static class AuditCommands
{
    public static Command Create(CliContext context)
    {
        var person = new Option<string?>("--person") { Description = "A person's UPN, or their Entra object id (for someone who has left)." };
        var item = new Option<string?>("--item") { Description = "An item's id (its occurrence id, as the audit entries name it after 'item:')." };
        var area = new Option<string?>("--area") { Description = "An area's name, path or id: its items and those of the areas below it." };
        var from = new Option<string?>("--from") { Description = "The first day, yyyy-MM-dd (council time)." };
        var to = new Option<string?>("--to") { Description = "The last day, yyyy-MM-dd (council time), included." };
        var output = new Option<string?>("--out") { Description = "Write the entries to a file: .xlsx (a workbook) or .csv." };
        var looks = new Option<bool>("--looks") { Description = "List the governance log instead: every audit query, backup and restore, who ran it, when, what was asked and how many records." };
        var audit = new Command("audit", "Read the audit trail (who did what, when, from where) about a person, an item or an area. Each query is itself recorded.")
        {
            person, item, area, from, to, output, looks,
        };
        audit.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (!TryReadDate(parseResult.GetValue(from), "--from", out var fromDate, out var problem)
                || !TryReadDate(parseResult.GetValue(to), "--to", out var toDate, out problem))
            {
                await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var outPath = parseResult.GetValue(output);
            var extension = outPath is null ? null : Path.GetExtension(outPath).ToLowerInvariant();
            if (extension is not (null or ".xlsx" or ".csv"))
            {
                await context.Error.WriteLineAsync($"--out {outPath}: give a file ending .xlsx or .csv.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var query = context.Services.GetRequiredService<AuditTrailQuery>();
            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            var origin = new AuditOrigin("cli", "audit" + (extension is null ? string.Empty : " " + extension[1..]));
            if (parseResult.GetValue(looks))
            {
                if (parseResult.GetValue(person) is not null || parseResult.GetValue(item) is not null || parseResult.GetValue(area) is not null)
                {
                    await context.Error.WriteLineAsync("--looks lists the governance log; give it without --person, --item or --area.").ConfigureAwait(false);
                    return CliErrors.Invalid;
                }

                var list = await query.ListLooksAsync(fromDate, toDate, context.Operator, origin, cancellationToken).ConfigureAwait(false);
                var lookRows = list.Select(l => (IReadOnlyList<string>)
                [
                    AuditExport.When(l.At, calendar), l.Actor.Value, l.Action, l.Asked, l.Count.ToString(CultureInfo.InvariantCulture), l.Origin.ToString(),
                ]).ToList();
                return await WriteAsync(context, lookRows, LookHeadings, extension, outPath, "Governance log", $"{UkDates.Count(list.Count, "look")} recorded.", "the governance log").ConfigureAwait(false);
            }

            var question = new AuditQuestion(parseResult.GetValue(person), parseResult.GetValue(item), parseResult.GetValue(area), fromDate, toDate);
            var answer = await query.AskAsync(question, context.Operator, origin, cancellationToken).ConfigureAwait(false);
            if (answer.Problem is { } refused)
            {
                await context.Error.WriteLineAsync(refused).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var rows = answer.Records.Select(r => AuditExport.Row(r, calendar)).ToList();
            return await WriteAsync(context, rows, AuditExport.Headings, extension, outPath, AuditExport.EntriesSheet, $"{UkDates.Count(rows.Count, "audit entry", "audit entries")} for {answer.Asked}.", answer.Asked).ConfigureAwait(false);
        }));
        return audit;
    }

    private static readonly IReadOnlyList<string> LookHeadings = ["When", "Who", "Action", "Asked", "Records", "From"];

    private static async Task<int> WriteAsync(
        CliContext context, List<IReadOnlyList<string>> rows, IReadOnlyList<string> headings, string? extension, string? outPath, string sheet, string summary, string asked)
    {
        switch (extension)
        {
            case ".csv":
                await using (var writer = new StreamWriter(outPath!, false, new System.Text.UTF8Encoding(true)))
                {
                    AuditExport.WriteCsv(writer, rows, headings);
                }

                break;
            case ".xlsx":
                await using (var stream = File.Create(outPath!))
                {
                    AuditExport.WriteWorkbook(stream, rows, headings, [("Asked", asked), ("Entries", rows.Count.ToString(CultureInfo.InvariantCulture))], sheet);
                }

                break;
            default:
                await TextTable.WriteAsync(context.Output, headings, rows.Select(r => r.ToArray()).ToList()).ConfigureAwait(false);
                break;
        }

        await context.Output.WriteLineAsync(outPath is null ? summary : $"{summary} Written to {outPath}.").ConfigureAwait(false);
        return CliErrors.Ok;
    }

    private static bool TryReadDate(string? text, string option, out DateOnly? date, out string problem)
    {
        date = null;
        problem = string.Empty;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        problem = $"{option} '{text}' is not a date: write it as yyyy-MM-dd, for example 2026-12-04.";
        return false;
    }
}
