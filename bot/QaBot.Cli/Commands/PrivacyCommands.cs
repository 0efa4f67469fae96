using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Governance;
using QaBot.Composition.Governance;
using QaBot.Core.Calendar;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot people export|erase</c>: a person's rights of access and erasure (docs/privacy.md). Both are recorded in the
/// governance log; an erasure also in the erasure register.
/// </summary>
internal static class PrivacyCommands
{
    public static Command Export(CliContext context)
    {
        var person = new Argument<string>("person") { Description = "The person's UPN or Entra object id (for someone who has left, either)." };
        var output = new Option<string>("--out")
        {
            Description = "Where to write: a .xlsx workbook, a .json file, or a folder (both, named by the object id).",
            Required = true,
        };
        var export = new Command("export", "Everything QaBot holds about a person (subject access): every row in every table that names them. Recorded in the governance log.") { person, output };
        export.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var outPath = parseResult.GetValue(output)!;
            var extension = Path.GetExtension(outPath).ToLowerInvariant();
            var folder = extension is not (".xlsx" or ".json");
            if (folder && File.Exists(outPath))
            {
                await context.Error.WriteLineAsync($"--out {outPath}: give a .xlsx or .json file, or a folder.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var clock = Stopwatch.StartNew();
            var answer = await context.Services.GetRequiredService<PersonalData>()
                .ExportAsync(parseResult.GetValue(person)!, context.Operator, new AuditOrigin("cli", "people export"), cancellationToken).ConfigureAwait(false);
            if (answer.Problem is { } problem)
            {
                await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            var written = new List<string>();
            if (folder)
            {
                Directory.CreateDirectory(outPath);
            }

            if (folder || extension == ".xlsx")
            {
                var path = folder ? Path.Combine(outPath, answer.Person!.Id.Value + ".xlsx") : outPath;
                await using (var stream = File.Create(path))
                {
                    SubjectAccessExport.WriteWorkbook(stream, answer, calendar);
                }

                written.Add(path);
            }

            if (folder || extension == ".json")
            {
                var path = folder ? Path.Combine(outPath, answer.Person!.Id.Value + ".json") : outPath;
                await using (var stream = File.Create(path))
                {
                    SubjectAccessExport.WriteJson(stream, answer);
                }

                written.Add(path);
            }

            foreach (var table in answer.Records.GroupBy(r => r.Table))
            {
                await context.Output.WriteLineAsync($"  {SubjectAccessExport.SheetName(table.Key),-18} {table.Count(),8:N0} records").ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync(answer.IndexedThrough is { } through
                ? $"Read through the person index (complete to {AuditExport.When(through, calendar)}) and every row written since."
                : "Read every table whole: the person index cannot answer for them yet (qabot people index brings it up to date).").ConfigureAwait(false);
            await context.Output.WriteLineAsync(
                $"{UkDates.Count(answer.Records.Count, "record")} about {answer.Person!.Id.Value} in {clock.Elapsed.TotalSeconds:0.0} s. Written to {string.Join(" and ", written)}.").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return export;
    }

    public static Command Erase(CliContext context)
    {
        var person = new Argument<string>("person") { Description = "The UPN or Entra object id of someone who has left." };
        var reason = new Option<string>("--reason") { Description = "request (a lawful request for erasure) or retention (a leaver past the retention period).", Required = true };
        reason.AcceptOnlyFromAmong(PersonalData.OnRequest, PersonalData.PastRetention);
        var reapply = new Option<bool>("--reapply") { Description = "Instead of erasing someone, apply again every recorded erasure whose person is back (after a restore, or an erasure that stopped)." };
        var erase = new Command("erase", "Pseudonymise a leaver everywhere, the audit trail included, keeping every count. Recorded in the erasure register and the governance log.")
        {
            person, reason, reapply,
        };
        person.Arity = ArgumentArity.ZeroOrOne;
        reason.Required = false;
        erase.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var data = context.Services.GetRequiredService<PersonalData>();
            if (parseResult.GetValue(reapply))
            {
                return await ReapplyAsync(context, data, new AuditOrigin("cli", "people erase --reapply"), cancellationToken).ConfigureAwait(false);
            }

            var given = parseResult.GetValue(person);
            var why = parseResult.GetValue(reason);
            if (string.IsNullOrWhiteSpace(given) || why is null)
            {
                await context.Error.WriteLineAsync("Give the person's UPN or object id and --reason (request or retention), or --reapply alone.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var outcome = await data.EraseAsync(given, why, context.Operator, new AuditOrigin("cli", "people erase"), cancellationToken).ConfigureAwait(false);
            if (outcome.Problem is { } problem)
            {
                await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await WriteOutcomeAsync(context, outcome).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return erase;
    }

    public static Command Index(CliContext context)
    {
        var index = new Command("index", "Bring the person index up to date (the daily retention run does this too), so an export reads what names the person rather than every table.");
        index.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var clock = Stopwatch.StartNew();
            var update = await context.Services.GetRequiredService<PersonalData>().UpdateIndexAsync(cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(Describe(update, context.Services.GetRequiredService<CouncilCalendar>()) + $" ({clock.Elapsed.TotalSeconds:0.0} s)").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return index;
    }

    /// <summary>A pass of the person index in a sentence: what it read and wrote, and up to when it is complete.</summary>
    public static string Describe(PersonIndexUpdate update, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(calendar);
        var afresh = update.PeopleAfresh > 0 ? $", for {UkDates.Count(update.PeopleAfresh, "person", "people")} new to it or with a new UPN or name" : string.Empty;
        var read = update.WholeTables
            ? $"read every table whole ({update.RowsRead:N0} rows{afresh})"
            : $"read the {update.RowsRead:N0} rows written since its last pass";
        return $"Person index: {read}; wrote {update.Entries:N0} entries, removed {update.Removed:N0} that led nowhere; complete to {AuditExport.When(update.Through, calendar)}.";
    }

    /// <summary>After a restore: every recorded erasure applied again to anyone the restore brought back.</summary>
    public static async Task<int> ReapplyAsync(CliContext context, PersonalData data, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var outcomes = await data.ReapplyAsync(context.Operator, origin, cancellationToken).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            await WriteOutcomeAsync(context, outcome).ConfigureAwait(false);
        }

        await context.Output.WriteLineAsync(outcomes.Count == 0
            ? "Every recorded erasure is in place."
            : $"Applied {UkDates.Count(outcomes.Count, "recorded erasure")} again.").ConfigureAwait(false);
        return CliErrors.Ok;
    }

    private static async Task WriteOutcomeAsync(CliContext context, ErasureOutcome outcome)
    {
        foreach (var table in outcome.Changed.Where(c => c.Rows > 0))
        {
            await context.Output.WriteLineAsync($"  {table.Table,-14} {table.Rows,8:N0} rows pseudonymised").ConfigureAwait(false);
        }

        await context.Output.WriteLineAsync($"Erased: now {outcome.Pseudonym!.Value.Value} everywhere ({outcome.Rows:N0} rows); counts unchanged.").ConfigureAwait(false);
    }
}
