using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Application.Configuration;
using QaBot.Composition.Reports;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot audits</c>: the QA team arranges thematic and multi-agency audits from a file, follows them, moderates each
/// case's judgement and closes them (docs/quality-assurance.md). Every change is kept in the audit's own trail.
/// </summary>
internal static class AuditsCommands
{
    public static Command Create(CliContext context)
    {
        return new Command("audits", "Thematic and multi-agency audits: arrange one from a file, list them, show one (or write its workbook), moderate a case, close one.")
        {
            CreateCommand(context),
            ListCommand(context),
            ShowCommand(context),
            ModerateCommand(context),
            CloseCommand(context),
        };
    }

    private static Command CreateCommand(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The audit's YAML file: title, kind, linesOfEnquiry, cases (reference, auditor, practitioner), due." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and the auditors, and say what would be arranged, without writing anything." };
        var command = new Command("create", "Arrange an audit: each sampled case becomes an item of its auditor's, with reminders, answered with the review form.") { file, dryRun };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var path = parseResult.GetValue(file)!;
            if (await CliErrors.ReadFileAsync(context, path, cancellationToken).ConfigureAwait(false) is not { } yaml)
            {
                return CliErrors.Invalid;
            }

            var at = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var check = parseResult.GetValue(dryRun);
            var result = await context.Services.GetRequiredService<AuditProgramme>().CreateAsync(
                yaml, Path.GetFileName(path), context.Operator, at, new AuditOrigin("cli", "audits create " + Path.GetFileName(path)), check, cancellationToken).ConfigureAwait(false);
            if (result.Audit is not { } audit)
            {
                return await CliErrors.NothingWrittenAsync(context, result.Problems).ConfigureAwait(false);
            }

            var what = $"{CaseAudit.KindName(audit.Kind)} '{audit.Title}' ({audit.Id}): {UkDates.Count(audit.Cases.Count, "case", "cases")} for {UkDates.Count(audit.Cases.Select(c => c.Auditor).Distinct().Count(), "auditor", "auditors")}, due {UkDates.Format(audit.Due)}";
            var line = check ? $"The file is sound. Would arrange {what}. Nothing was written."
                : result.Created ? $"Arranged {what}. Made {UkDates.Count(result.ItemsMade, "item", "items")} for the auditors."
                : $"{what} was arranged already; made {UkDates.Count(result.ItemsMade, "missing item", "missing items")}.";
            await context.Output.WriteLineAsync(line).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "Every audit, latest due first: where it stands, cases recorded and moderated.");
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var audits = await context.Services.GetRequiredService<AuditProgramme>().ListAsync(cancellationToken).ConfigureAwait(false);
            if (audits.Count == 0)
            {
                await context.Output.WriteLineAsync("No audits have been arranged. 'qabot audits create FILE' arranges one.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            await TextTable.WriteAsync(context.Output, ["Id", "Title", "Kind", "Due", "State", "Cases", "Recorded", "Moderated"],
                [.. audits.Select(v => new[]
                {
                    v.Audit.Id, v.Audit.Title, CaseAudit.KindName(v.Audit.Kind), UkDates.Format(v.Audit.Due), v.State,
                    Number(v.Audit.Cases.Count), Number(v.Recorded), Number(v.Moderated),
                })]).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The audit's id, as 'qabot audits list' shows it." };
        var output = new Option<string?>("--out") { Description = "Write the audit as a workbook (sheets Audit and Cases) to this .xlsx file instead of the screen." };
        var trail = new Option<bool>("--trail") { Description = "Also list the audit's trail: who arranged, moderated and closed it, and when." };
        var command = new Command("show", "One audit: its lines of enquiry and each case's auditor, judgement and moderation.") { id, output, trail };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var programme = context.Services.GetRequiredService<AuditProgramme>();
            var auditId = parseResult.GetValue(id)!;
            if (await programme.GetAsync(auditId, cancellationToken).ConfigureAwait(false) is not { } view)
            {
                await context.Error.WriteLineAsync($"There is no audit with the id {auditId}: 'qabot audits list' shows them.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            if (parseResult.GetValue(output) is { } path)
            {
                await using (var stream = File.Create(path))
                {
                    AuditWorkbook.Write(stream, view, context.Services.GetRequiredService<AssuranceOptions>().ToSettings().Judgements);
                }

                await context.Output.WriteLineAsync($"Wrote {path}: {view.Audit.Title} ({UkDates.Count(view.Audit.Cases.Count, "case", "cases")}, {view.State.ToLowerInvariant()}).").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var audit = view.Audit;
            await context.Output.WriteLineAsync($"{CaseAudit.KindName(audit.Kind)} '{audit.Title}' ({audit.Id}), due {UkDates.Format(audit.Due)}: {view.State.ToLowerInvariant()}.").ConfigureAwait(false);
            foreach (var (line, i) in audit.LinesOfEnquiry.Select((l, i) => (l, i)))
            {
                await context.Output.WriteLineAsync($"  Line of enquiry {i + 1}: {line}").ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync().ConfigureAwait(false);
            var rows = AuditWorkbook.Cases(view);
            await TextTable.WriteAsync(context.Output, ["Case", "Auditor", "Recorded on", "Auditor's judgement", "Moderated", "Reason"],
                [.. rows.Skip(1).Select(r => new[] { Text(r[1]), Text(r[2]), Text(r[3]) is "" ? "not yet" : Text(r[3]), Text(r[4]), Text(r[5]) is "" ? "not yet" : Text(r[5]), Text(r[7]) })]).ConfigureAwait(false);
            if (parseResult.GetValue(trail))
            {
                await context.Output.WriteLineAsync().ConfigureAwait(false);
                var calendar = context.Services.GetRequiredService<CouncilCalendar>();
                var entries = await programme.GetAuditTrailAsync(audit.Id, cancellationToken).ConfigureAwait(false);
                await TextTable.WriteAsync(context.Output, ["When", "Who", "What", "Detail"],
                    [.. entries.Select(e => new[] { calendar.ToLocalTime(e.At).ToString("dd/MM/yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB")), e.Actor.Value, e.Action, e.Detail })]).ConfigureAwait(false);
            }

            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command ModerateCommand(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The audit's id." };
        var caseOption = new Option<string>("--case") { Description = "The case reference to moderate.", Required = true };
        var agree = new Option<bool>("--agree") { Description = "Agree with the auditor's judgement." };
        var judgement = new Option<string?>("--judgement") { Description = "Change the judgement to this one on the council's scale (needs --reason)." };
        var reason = new Option<string?>("--reason") { Description = "Why the judgement changed (up to 500 characters; no names or other personal identifiers)." };
        var command = new Command("moderate", "Moderate one case's judgement: agree with the auditor, or change it with a reason. Kept in the audit's trail.") { id, caseOption, agree, judgement, reason };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var agreed = parseResult.GetValue(agree);
            var changed = parseResult.GetValue(judgement);
            if (agreed == changed is not null)
            {
                await context.Error.WriteLineAsync("Give either --agree or --judgement with --reason.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var at = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var auditId = parseResult.GetValue(id)!;
            var result = await context.Services.GetRequiredService<AuditProgramme>().ModerateAsync(
                auditId, parseResult.GetValue(caseOption)!, changed, parseResult.GetValue(reason), context.Operator, at, new AuditOrigin("cli", "audits moderate " + auditId), cancellationToken).ConfigureAwait(false);
            return await ReportAsync(context, result).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command CloseCommand(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The audit's id." };
        var command = new Command("close", "Close an audit once every case is recorded and moderated.") { id };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var at = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var auditId = parseResult.GetValue(id)!;
            var result = await context.Services.GetRequiredService<AuditProgramme>().CloseAsync(
                auditId, context.Operator, at, new AuditOrigin("cli", "audits close " + auditId), cancellationToken).ConfigureAwait(false);
            return await ReportAsync(context, result).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> ReportAsync(CliContext context, AuditChange result)
    {
        if (result.Accepted)
        {
            await context.Output.WriteLineAsync(result.Message).ConfigureAwait(false);
            return CliErrors.Ok;
        }

        await context.Error.WriteLineAsync(result.Message + " Nothing was changed.").ConfigureAwait(false);
        return CliErrors.Invalid;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
