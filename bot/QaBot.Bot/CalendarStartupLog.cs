using QaBot.Core.Calendar;

namespace QaBot.Bot;

/// <summary>
/// Tells operators at start-up when the council calendar is about to run out or provisional dates come into use
/// (<see cref="CalendarCoverage"/>), so the data is updated before reminders go wrong.
/// </summary>
internal sealed partial class CalendarStartupLog(CouncilCalendar calendar, TimeProvider time, ILogger<CalendarStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var today = calendar.LocalDateOf(time.GetUtcNow());
        var warnings = CalendarCoverage.Check(calendar, today);
        foreach (var warning in warnings)
        {
            LogWarning(logger, warning.Kind, warning.Message);
        }

        if (warnings.Count == 0)
        {
            LogCovered(logger, CalendarCoverage.DefaultHorizonMonths);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5150, Level = LogLevel.Warning, Message = "Council calendar ({Kind}): {Warning}")]
    private static partial void LogWarning(ILogger logger, CalendarWarningKind kind, string warning);

    [LoggerMessage(EventId = 5151, Level = LogLevel.Information, Message = "Council calendar: bank holidays and school terms are confirmed for the next {Months} months")]
    private static partial void LogCovered(ILogger logger, int months);
}
