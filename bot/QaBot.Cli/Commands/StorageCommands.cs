using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Infrastructure.Storage;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot storage init|repair</c>: create QaBot's tables; finish writes a stopped process left part-done.</summary>
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
        return storage;
    }
}
