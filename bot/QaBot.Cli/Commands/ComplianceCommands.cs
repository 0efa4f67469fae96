using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Compliance;
using QaBot.Application.Organisation;
using QaBot.Composition.Reports;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot compliance rebuild</c>: recount the compliance model from the items and correct it; and
/// <c>qabot report compliance</c>: the QA team's compliance report as a table, CSV or workbook (docs/compliance.md).
/// </summary>
internal static class ComplianceCommands
{
    public static Command Rebuild(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The first month, yyyy-MM.", Required = true };
        var to = new Option<string>("--to") { Description = "The last month, yyyy-MM.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report the differences and change nothing." };
        var rebuild = new Command("rebuild", "Count the compliance model again from the items for the months given, and correct every difference (each one is listed).") { from, to, dryRun };
        rebuild.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (await ReadMonthsAsync(context, parseResult.GetValue(from), parseResult.GetValue(to)).ConfigureAwait(false) is not { } months)
            {
                return CliErrors.Invalid;
            }

            var dry = parseResult.GetValue(dryRun);
            var result = await context.Services.GetRequiredService<RebuildCompliance>().RunAsync(months.From, months.To, dry, cancellationToken).ConfigureAwait(false);
            foreach (var d in result.Differences)
            {
                await context.Output.WriteLineAsync(
                    $"{d.Area} {d.Month} {d.Duty}: stored due {d.Stored.Due}, on time {d.Stored.OnTime}, late {d.Stored.Late}, not applicable {d.Stored.NotApplicable}, open {d.Stored.Open}; " +
                    $"counted due {d.Counted.Due}, on time {d.Counted.OnTime}, late {d.Counted.Late}, not applicable {d.Counted.NotApplicable}, open {d.Counted.Open}").ConfigureAwait(false);
            }

            foreach (var d in result.OpenDifferences)
            {
                await context.Output.WriteLineAsync($"{d.Area} open items {d.Duty}: stored {d.StoredOpen}, counted {d.CountedOpen}").ConfigureAwait(false);
            }

            if (result.SealedThrough is { } sealedThrough)
            {
                await context.Output.WriteLineAsync(
                    $"Months to {sealedThrough} are sealed: retention has removed some of their items, so their stored figures stand and were not counted again.").ConfigureAwait(false);
            }

            var counted = result.SealedThrough is { } through ? $"{through.Next()} to {months.To}" : $"{months.From} to {months.To}";
            var summary = result.DifferenceCount == 0
                ? result.SealedThrough is { } all && all >= months.To
                    ? "Every month asked is sealed: nothing was counted again, and every area's open items agree with the items."
                    : $"The compliance model agrees with the items for {counted} ({result.CellsCounted} area-months counted) and in every area's open items."
                : dry
                    ? $"{result.DifferenceCount} differences in {months.From} to {months.To} and the open items; nothing changed (dry run)."
                    : $"{result.DifferenceCount} differences in {months.From} to {months.To} and the open items; corrected {result.CellsCorrected} area-months and {result.OpenTalliesCorrected} areas' open items.";
            await context.Output.WriteLineAsync(summary).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        var compliance = new Command("compliance", "The compliance model: counts per area, duty and month that reports read.");
        compliance.Subcommands.Add(rebuild);
        return compliance;
    }

    public static Command Report(CliContext context)
    {
        var area = new Option<string?>("--area") { Description = "An area's name or path (default: the whole department)." };
        var from = new Option<string>("--from") { Description = "The first month, yyyy-MM.", Required = true };
        var to = new Option<string>("--to") { Description = "The last month, yyyy-MM.", Required = true };
        var by = new Option<string>("--by") { Description = "area (the areas one level down, by duty and month), duty (by duty and month) or month.", DefaultValueFactory = _ => "area" };
        by.AcceptOnlyFromAmong("area", "duty", "month");
        var audience = new Option<string>("--audience") { Description = "officers (every figure) or members (small numbers suppressed, for elected members).", DefaultValueFactory = _ => "officers" };
        audience.AcceptOnlyFromAmong("officers", "members");
        var format = new Option<string>("--format") { Description = "table, csv or xlsx (a workbook with sheets By area, By duty, By month and Definitions).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "xlsx");
        var output = new Option<string?>("--out") { Description = "The file to write (needed for xlsx; csv goes to the screen without it)." };
        var compliance = new Command("compliance", "On-time rates by area, duty and month: due, on time, late, not applicable, closed, open and overdue.") { area, from, to, by, audience, format, output };
        compliance.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (await ReadMonthsAsync(context, parseResult.GetValue(from), parseResult.GetValue(to)).ConfigureAwait(false) is not { } months)
            {
                return CliErrors.Invalid;
            }

            var chosenFormat = parseResult.GetValue(format)!;
            var outPath = parseResult.GetValue(output);
            if (chosenFormat == "xlsx" && string.IsNullOrWhiteSpace(outPath))
            {
                await context.Error.WriteLineAsync("--format xlsx writes a workbook: give the file with --out, for example --out compliance.xlsx.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var tree = await context.Services.GetRequiredService<IDirectoryStore>().GetAreasAsync(cancellationToken).ConfigureAwait(false);
            if (tree.Root is not { } root)
            {
                await context.Error.WriteLineAsync("No areas are stored yet: import the directory first (qabot people import FILE --areas AREAS, or qabot demo seed).").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var target = root;
            if (parseResult.GetValue(area) is { } asked)
            {
                var matches = tree.Resolve(asked);
                if (matches.Count != 1)
                {
                    await PeopleCommands.WriteAreaNotFoundAsync(context.Error, tree, asked, matches).ConfigureAwait(false);
                    return CliErrors.Invalid;
                }

                target = matches[0];
            }

            var query = context.Services.GetRequiredService<ComplianceReportQuery>();
            var export = context.Services.GetRequiredService<ComplianceExport>();
            var asOf = context.Services.GetRequiredService<Core.Calendar.CouncilCalendar>().LocalDateOf(context.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var members = parseResult.GetValue(audience) == "members" ? ReportAudience.Members : ReportAudience.Officers;
            var grouping = parseResult.GetValue(by) switch { "duty" => ComplianceGrouping.Duty, "month" => ComplianceGrouping.Month, _ => ComplianceGrouping.Area };
            var request = new ComplianceReportRequest(target.Id, months.From, months.To, grouping, members, asOf);
            var title = ComplianceExport.Title(tree, target.Id, months.From, months.To, members, asOf);

            if (chosenFormat == "xlsx")
            {
                await using (var file = File.Create(outPath!))
                {
                    await export.WriteWorkbookAsync(file, tree, request, cancellationToken).ConfigureAwait(false);
                }

                await context.Output.WriteLineAsync($"Wrote {outPath}: {title}.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            if (chosenFormat == "csv")
            {
                if (string.IsNullOrWhiteSpace(outPath))
                {
                    await export.WriteCsvAsync(context.Output, tree, request, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await using var writer = new StreamWriter(outPath, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                    var count = await export.WriteCsvAsync(writer, tree, request, cancellationToken).ConfigureAwait(false);
                    await context.Output.WriteLineAsync($"Wrote {outPath}: {count} lines.").ConfigureAwait(false);
                }

                return CliErrors.Ok;
            }

            var lines = await query.RunAsync(request, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(title).ConfigureAwait(false);
            if (lines.Count == 0)
            {
                await context.Output.WriteLineAsync("Nothing fell due in these months.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var relative = new ComplianceReportRows(tree, context.Services.GetRequiredService<FrameworkCatalogue>(), target.Id);
            var table = lines.Select(l => relative.Row(l).Select((cell, i) => ComplianceReportRows.DisplayText(cell, i)).ToArray()).ToList();
            await TextTable.WriteAsync(context.Output, [.. ComplianceReportRows.Headings], table).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        var report = new Command("report", "Reports for the QA team and leaders.");
        report.Subcommands.Add(compliance);
        report.Subcommands.Add(ReviewCommands.Summary(context));
        return report;
    }

    private static async Task<(ReportMonth From, ReportMonth To)?> ReadMonthsAsync(CliContext context, string? from, string? to)
    {
        if (!ReportMonth.TryParse(from, out var first))
        {
            await context.Error.WriteLineAsync($"--from '{from}' is not a month: write it as yyyy-MM, for example 2026-04.").ConfigureAwait(false);
            return null;
        }

        if (!ReportMonth.TryParse(to, out var last))
        {
            await context.Error.WriteLineAsync($"--to '{to}' is not a month: write it as yyyy-MM, for example 2027-03.").ConfigureAwait(false);
            return null;
        }

        if (last < first)
        {
            await context.Error.WriteLineAsync($"--to {last} is before --from {first}.").ConfigureAwait(false);
            return null;
        }

        if (ReportMonth.Range(first, last).Count > ComplianceReportRequest.MaxMonths)
        {
            await context.Error.WriteLineAsync($"A report covers at most {ComplianceReportRequest.MaxMonths} months.").ConfigureAwait(false);
            return null;
        }

        return (first, last);
    }
}
