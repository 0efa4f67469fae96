using Azure;
using Microsoft.Extensions.Options;

namespace QaBot.Cli.Commands;

/// <summary>Exit codes and the failures every storage command reports the same way.</summary>
internal static class CliErrors
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Conflict = 2;
    public const int Storage = 3;

    /// <summary>A remote service (Microsoft Graph) refused some of the changes; the rest were made and each refusal is listed.</summary>
    public const int Remote = 4;

    /// <summary>The text of the file a command was given; null, having said so, when there is no such file.</summary>
    public static async Task<string?> ReadFileAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await context.Error.WriteLineAsync($"{path}: there is no such file.").ConfigureAwait(false);
            return null;
        }

        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists every problem that stopped a command, says nothing was written, and gives the exit code for it.</summary>
    public static async Task<int> NothingWrittenAsync(CliContext context, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
        }

        await context.Error.WriteLineAsync($"Nothing was written: {QaBot.Core.Calendar.UkDates.Count(problems.Count, "problem", "problems")} to put right.").ConfigureAwait(false);
        return Invalid;
    }

    /// <summary>Runs a command body, turning configuration and storage failures into a clear message and an exit code.</summary>
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await context.Error.WriteLineAsync(failure).ConfigureAwait(false);
            }

            return Invalid;
        }
        catch (RequestFailedException e)
        {
            await context.Error.WriteLineAsync(e.Status == 0
                ? "Cannot reach storage: check Storage:ConnectionString (for local work, start Azurite)."
                : $"Storage refused the request ({e.Status} {e.ErrorCode}).").ConfigureAwait(false);
            return Storage;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException or HttpRequestException))
        {
            await context.Error.WriteLineAsync("Cannot reach storage: check Storage:ConnectionString (for local work, start Azurite).").ConfigureAwait(false);
            return Storage;
        }
    }
}
