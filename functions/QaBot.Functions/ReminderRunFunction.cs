using Microsoft.Azure.Functions.Worker;
using QaBot.Application.Reminders;

namespace QaBot.Functions;

/// <summary>
/// The timer: starts the reminder run on <c>Reminders:Schedule</c> (NCRONTAB in UTC, every 15 minutes by default).
/// The run decides by the council's local time (Europe/London) what is due, so reminders go out at 09:00 in GMT and
/// BST alike without WEBSITE_TIME_ZONE, and catches up on anything missed since the last run that finished.
/// </summary>
public sealed class ReminderRunFunction
{
    private readonly ReminderRunner _runner;
    private readonly TimeProvider _time;

    public ReminderRunFunction(ReminderRunner runner, TimeProvider time)
    {
        _runner = runner;
        _time = time;
    }

    [Function("ReminderRun")]
    public Task<RunOutcome> RunAsync([TimerTrigger("%Reminders:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _runner.RunAsync(_time.GetUtcNow(), cancellationToken);
}
