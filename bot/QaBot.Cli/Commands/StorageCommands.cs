using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Storage;
using QaBot.Infrastructure.Storage;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot storage init</c>: create QaBot's tables in the configured storage account.</summary>
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
        return storage;
    }
}
