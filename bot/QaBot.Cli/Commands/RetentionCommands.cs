using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Governance;
using QaBot.Core.Calendar;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot retention preview|apply</c>: what is past its retention period, and removing it (docs/privacy.md).</summary>
internal static class RetentionCommands
{
    public static Command Create(CliContext context)
    {
        var retention = new Command("retention", "Records past their retention period (Retention settings): count them, or remove them and pseudonymise leavers.");
        retention.Subcommands.Add(Run(context, apply: false, "preview", "Count, by kind, what a retention run would remove today (or --as-of). Changes nothing."));
        retention.Subcommands.Add(Run(context, apply: true, "apply", "Remove what is past retention and pseudonymise leavers past theirs; the counts by kind go in the governance log. Safe to run again."));
        return retention;
    }

    private static Command Run(CliContext context, bool apply, string name, string description)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Run as of this council date (yyyy-MM-dd) instead of today." };
        var command = new Command(name, description) { asOf };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            DateOnly? date = null;
            if (parseResult.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    await context.Error.WriteLineAsync($"--as-of '{text}' is not a date: write it as yyyy-MM-dd, for example 2026-12-04.").ConfigureAwait(false);
                    return CliErrors.Invalid;
                }

                date = parsed;
            }

            var summary = await context.Services.GetRequiredService<Retention>()
                .RunAsync(apply, date, context.Operator, new AuditOrigin("cli", "retention " + name), cancellationToken).ConfigureAwait(false);
            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            await context.Output.WriteLineAsync(
                $"As of {UkDates.Format(summary.AsOf)}: closed items due before {UkDates.Format(summary.Cutoffs.ClosedItemsDueBefore)}, audit entries before " +
                $"{UkDates.Format(DateOnly.FromDateTime(calendar.ToLocalTime(summary.Cutoffs.AuditBefore).DateTime))}, case chains closed before {UkDates.Format(summary.Cutoffs.CasesClosedBefore)}, " +
                $"reminders planned or sent before {UkDates.Format(DateOnly.FromDateTime(calendar.ToLocalTime(summary.Cutoffs.RemindersBefore).DateTime))}, leavers who left before {UkDates.Format(summary.LeftBefore)}.").ConfigureAwait(false);
            foreach (var count in summary.Counts)
            {
                await context.Output.WriteLineAsync($"  {count.Table,-22} {count.Rows,10:N0}").ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync(apply
                ? $"Compliance figures to {summary.SealedThrough.ToDisplay()} are sealed: they stay as reported and a rebuild leaves them alone."
                : $"Compliance figures to {summary.SealedThrough.ToDisplay()} would be sealed, so that a rebuild leaves them alone.").ConfigureAwait(false);
            await context.Output.WriteLineAsync(apply
                ? $"Removed or pseudonymised {summary.Total:N0}; recorded in the governance log (qabot audit --looks)."
                : $"{summary.Total:N0} past retention; nothing changed (qabot retention apply removes them).").ConfigureAwait(false);
            if (summary.Index is { } index)
            {
                await context.Output.WriteLineAsync(PrivacyCommands.Describe(index, calendar)).ConfigureAwait(false);
            }

            return CliErrors.Ok;
        }));
        return command;
    }
}
