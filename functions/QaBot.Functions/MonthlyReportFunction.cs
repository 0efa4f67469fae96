using Microsoft.Azure.Functions.Worker;
using QaBot.Application.Reports;

namespace QaBot.Functions;

/// <summary>
/// The monthly performance report's timer: every hour on weekdays (NCRONTAB, UTC). The run itself decides by the
/// council's calendar and local time: only on the first working day of the month, from <c>Reports:MonthlyReportTime</c>
/// (09:00), does it post, and the ledger lets each channel have its report once; a later run that day tries again
/// the channels that failed.
/// </summary>
public sealed class MonthlyReportFunction
{
    /// <summary>NCRONTAB, UTC: on the hour, Monday to Friday.</summary>
    public const string Schedule = "0 0 * * * 1-5";

    private readonly MonthlyReportRun _run;
    private readonly TimeProvider _time;

    public MonthlyReportFunction(MonthlyReportRun run, TimeProvider time)
    {
        _run = run;
        _time = time;
    }

    [Function("MonthlyReport")]
    public Task<MonthlyReportResult> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        _run.RunAsync(_time.GetUtcNow(), cancellationToken);
}
