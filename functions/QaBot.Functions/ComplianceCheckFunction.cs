using Microsoft.Azure.Functions.Worker;
using QaBot.Application.Compliance;

namespace QaBot.Functions;

/// <summary>
/// The nightly compliance check, at 04:00 UTC (before the Graph sync and the working day): recounts last month and
/// this month of the compliance model from the items and corrects any difference (event 7502 when it found some).
/// </summary>
public sealed class ComplianceCheckFunction
{
    /// <summary>NCRONTAB, UTC.</summary>
    public const string Schedule = "0 0 4 * * *";

    private readonly ComplianceCheck _check;

    public ComplianceCheckFunction(ComplianceCheck check)
    {
        _check = check;
    }

    [Function("ComplianceCheck")]
    public Task<ComplianceRebuildResult> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        _check.RunAsync(cancellationToken);
}
