using Microsoft.Azure.Functions.Worker;
using QaBot.Application.Sync;
using QaBot.Core.Tracking;

namespace QaBot.Functions;

/// <summary>
/// The nightly Microsoft Graph timer, at 05:00 UTC (05:00 in winter, 06:00 in summer; before the working day): the
/// directory sync, then the board and group meetings, then installs for people QaBot cannot reach. Each part runs only
/// when it is configured; the run fails, naming each part that did not complete, so the failure shows in monitoring.
/// Missed runs are not caught up: the next run does the whole job again.
/// </summary>
public sealed class GraphSyncFunction
{
    /// <summary>NCRONTAB, UTC. Fixed rather than a setting: once a day is what Graph's limits and the meetings need.</summary>
    public const string Schedule = "0 0 5 * * *";

    private readonly GraphSyncRun _run;

    public GraphSyncFunction(GraphSyncRun run)
    {
        _run = run;
    }

    [Function("GraphSync")]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        _run.RunAsync(new AuditOrigin("timer", "GraphSync"), cancellationToken);
}
