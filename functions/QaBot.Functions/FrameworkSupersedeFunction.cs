using Microsoft.Azure.Functions.Worker;
using QaBot.Composition;

namespace QaBot.Functions;

/// <summary>
/// The nightly framework supersede run, at 04:30 UTC (after the compliance check, before the working day): from a new
/// framework version's effective date, closes the open items of the duties it removed or changed, when
/// <c>Framework:PreviousCatalogueFile</c> names the version before it. Safe to run every night: what is closed stays closed.
/// </summary>
public sealed class FrameworkSupersedeFunction
{
    /// <summary>NCRONTAB, UTC.</summary>
    public const string Schedule = "0 30 4 * * *";

    private readonly FrameworkSupersedeRun _run;

    public FrameworkSupersedeFunction(FrameworkSupersedeRun run)
    {
        _run = run;
    }

    [Function("FrameworkSupersede")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        await _run.RunAsync(cancellationToken).ConfigureAwait(false);
}
