using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot storage init|repair|migrate</c>: create QaBot's tables; finish writes a stopped process left part-done; bring
/// tables written by an older release up to date.
/// </summary>
internal static class StorageCommands
{
    public static Command Create(CliContext context)
    {
        var storage = new Command("storage", "QaBot's Azure Table Storage.");
        var init = new Command("init", "Create QaBot's tables if they are missing (the bot and the Functions app also do this when they start).");
        init.SetAction((_, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            await context.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var tables = context.Services.GetRequiredService<StorageTables>();
            await context.Output.WriteLineAsync($"Tables ready: {string.Join(", ", tables.All.Select(t => t.Name))}.").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        storage.Subcommands.Add(init);

        var olderThan = new Option<int>("--older-than-minutes")
        {
            Description = "Only writes left for at least this many minutes (default 5), so writes still in flight are left alone.",
            DefaultValueFactory = _ => 5,
        };
        var repair = new Command("repair", "Finish index and reminder writes that a stopped process left part-done.") { olderThan };
        repair.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var minutes = parseResult.GetValue(olderThan);
            if (minutes < 0)
            {
                await context.Error.WriteLineAsync("--older-than-minutes cannot be negative.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var repaired = await context.Services.GetRequiredService<ITrackingStore>().RepairAsync(TimeSpan.FromMinutes(minutes), cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(repaired == 0 ? "Nothing to repair." : $"Repaired the index of {repaired} items.").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        storage.Subcommands.Add(repair);
        storage.Subcommands.Add(Migrate(context));
        return storage;
    }

    private static Command Migrate(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what each step would change, writing nothing." };
        var migrate = new Command("migrate", "Bring tables written by an older release of QaBot up to date, step by step, saying what each step changed. Safe to run again; recorded in the governance log.") { dryRun };
        migrate.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var migrations = context.Services.GetRequiredService<StorageMigrations>();
            await context.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            MigrationOutcome outcome;
            try
            {
                outcome = await migrations.MigrateAsync(parseResult.GetValue(dryRun), context.Operator, new AuditOrigin("cli", "storage migrate"), cancellationToken).ConfigureAwait(false);
            }
            catch (StorageVersionException e)
            {
                await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return CliErrors.Conflict;
            }

            if (outcome.Steps.Count == 0)
            {
                await context.Output.WriteLineAsync($"Storage is up to date (version {outcome.From}): nothing to do.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var was = outcome.From == 0 ? "no version recorded" : $"version {outcome.From}";
            await context.Output.WriteLineAsync(outcome.DryRun
                ? $"Storage is at {was}; this release writes version {migrations.Latest}. A dry run: nothing was written."
                : $"Storage was at {was}; it is now at version {outcome.To}.").ConfigureAwait(false);
            foreach (var step in outcome.Steps)
            {
                await context.Output.WriteLineAsync($"  {step.Version}. {step.Title}: {step.Summary}").ConfigureAwait(false);
            }

            return CliErrors.Ok;
        }));
        return migrate;
    }
}
