using System.CommandLine;
using System.Globalization;
using QaBot.Core.Demo;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot demo seed</c>: load the fictional demo council into storage.</summary>
internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var demo = new Command("demo", "The fictional demo council, for trying QaBot out.");
        var asOf = new Option<string?>("--as-of") { Description = "The date the demo history runs up to (yyyy-MM-dd); default today." };
        var seed = new Command("seed", "Load the demo council's areas and about 300 people. Running it again changes nothing.") { asOf };
        seed.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var asOfText = parseResult.GetValue(asOf);
            if (asOfText is not null && !DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                await context.Error.WriteLineAsync($"--as-of: '{asOfText}' is not a date in the form yyyy-MM-dd.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var council = DemoCouncil.Create();
            var rows = new DirectoryImportInputRows("demo council people", council.People, "demo council areas", council.Areas);
            var (plan, result) = await DirectoryImportRun.RunAsync(context, rows, Person.Sources.Demo, dryRun: false, new AuditOrigin("cli", "demo seed"), cancellationToken).ConfigureAwait(false);
            if (!plan.IsValid)
            {
                await DirectoryImportRun.WriteProblemsAsync(context.Error, plan).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await context.Output.WriteLineAsync($"Demo council: {council.Areas.Count} areas, {council.People.Count} people.").ConfigureAwait(false);
            await DirectoryImportRun.WriteSummaryAsync(context.Output, plan, result!).ConfigureAwait(false);
            return result!.Conflicts.Count == 0 ? CliErrors.Ok : CliErrors.Conflict;
        }));
        demo.Subcommands.Add(seed);
        return demo;
    }
}
