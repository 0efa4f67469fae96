using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Commands;

namespace QaBot.Cli;

/// <summary>
/// The <c>qabot</c> admin command line. Tests call <see cref="RunAsync"/> directly with their own writers, and may
/// add or replace services after the standard registration.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        IEnumerable<KeyValuePair<string, string?>>? configurationOverrides = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        await using var context = new CliContext(output, error, configurationOverrides, configureServices);

        var root = new RootCommand("QaBot administration: the framework catalogue, schedules, people and the demo council.");
        foreach (var command in CommandGroups.Create(context))
        {
            root.Subcommands.Add(command);
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
