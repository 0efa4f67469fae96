using Microsoft.Azure.Functions.Worker;
using QaBot.Application.Governance;
using QaBot.Core.Tracking;

namespace QaBot.Functions;

/// <summary>
/// The daily retention run on <c>Retention:Schedule</c> (NCRONTAB in UTC, 03:00 by default, after the backup): removes
/// what is past its period, pseudonymises leavers past theirs, and records the counts by kind in the governance log. A
/// run that stops part-way is finished by the next; nothing is counted or removed twice.
/// </summary>
public sealed class RetentionFunction
{
    private readonly Retention _retention;

    public RetentionFunction(Retention retention)
    {
        _retention = retention;
    }

    [Function("Retention")]
    public Task<RetentionSummary> RunAsync([TimerTrigger("%Retention:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _retention.RunAsync(apply: true, asOf: null, Actor.System("retention"), new AuditOrigin("scheduler", "retention"), cancellationToken);
}
