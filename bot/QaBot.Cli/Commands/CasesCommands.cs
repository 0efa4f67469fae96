using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Cases;
using QaBot.Application.Organisation;
using QaBot.Composition;
using QaBot.Core.Calendar;
using QaBot.Core.Cases;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot cases import|list</c>: bring existing cases' statutory events in; list the open chains.</summary>
internal static class CasesCommands
{
    public static Command Create(CliContext context)
    {
        var cases = new Command("cases", "Cases' statutory chains (reviews, conferences, complaints): import their events, list the open ones.");
        cases.Subcommands.Add(Import(context));
        cases.Subcommands.Add(List(context));
        return cases;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "UTF-8 CSV with the header case_reference,rule,event,event_date,responsible_upn: one row per event so far (docs/statutory.md)." };
        var import = new Command("import", "Check a file of case events whole, then record them. Any problem means nothing is written; importing the same file again changes nothing.") { file };
        import.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var path = parseResult.GetValue(file)!;
            var name = Path.GetFileName(path);
            var problems = new List<ImportProblem>();
            var rows = await CaseImportFiles.ReadAsync(path, problems, cancellationToken).ConfigureAwait(false);
            if (problems.Count > 0)
            {
                await WriteProblemsAsync(context, problems).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var services = context.Services;
            var result = await services.GetRequiredService<ImportCaseEvents>()
                .ExecuteAsync(name, rows!, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await WriteProblemsAsync(context, result.Problems).ConfigureAwait(false);
                return result.Recorded + result.AlreadyHeld == 0 ? CliErrors.Invalid : CliErrors.Conflict;
            }

            await context.Output.WriteLineAsync(
                $"{name}: {rows!.Count} events checked, no problems. {result.Recorded} recorded, {result.AlreadyHeld} already held.").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return import;
    }

    private static Command List(CliContext context)
    {
        var person = new Option<string?>("--person") { Description = "Only the cases this person (UPN) holds." };
        var list = new Command("list", "List the open statutory chains with their next deadlines.") { person };
        list.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var services = context.Services;
            var directory = services.GetRequiredService<IDirectoryStore>();
            Core.Organisation.PersonId? holder = null;
            if (parseResult.GetValue(person) is { } upn)
            {
                if (await directory.FindByUpnAsync(upn, cancellationToken).ConfigureAwait(false) is not { } found)
                {
                    await context.Error.WriteLineAsync($"--person: '{upn}' is not in the staff directory.").ConfigureAwait(false);
                    return CliErrors.Invalid;
                }

                holder = found.Id;
            }

            var rules = services.GetRequiredService<StatutoryRuleSet>();
            var calendar = services.GetRequiredService<CouncilCalendar>();
            var chains = await services.GetRequiredService<ICaseChainStore>().GetOpenAsync(holder, cancellationToken).ConfigureAwait(false);
            if (chains.Count == 0)
            {
                await context.Output.WriteLineAsync("No open cases.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var rows = new List<string[]>();
            foreach (var chain in chains)
            {
                var holderUpn = (await directory.GetPersonAsync(chain.Responsible, cancellationToken).ConfigureAwait(false))?.Upn ?? chain.Responsible.Value;
                var next = rules.Find(chain.Rule) is { } rule ? CaseChains.NextDeadline(chain, rule, calendar) : null;
                rows.Add([chain.Case.Value, chain.Rule, UkDates.Format(chain.Started), next is null ? "-" : $"{next.N}: {UkDates.Format(next.Due)}", holderUpn]);
            }

            await TextTable.WriteAsync(context.Output, ["Case", "Rule", "Started", "Next deadline", "Held by"], rows).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return list;
    }

    private static async Task WriteProblemsAsync(CliContext context, IEnumerable<ImportProblem> problems)
    {
        foreach (var problem in problems)
        {
            await context.Error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        await context.Error.WriteLineAsync("Nothing written.").ConfigureAwait(false);
    }
}
