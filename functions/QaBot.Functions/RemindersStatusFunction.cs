using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Reminders;
using QaBot.Infrastructure.Reminders;

namespace QaBot.Functions;

/// <summary>
/// The operators' view of the reminder run: <c>GET /api/reminders/status</c> with a function key
/// (<c>x-functions-key</c> header or <c>code</c> query parameter). docs/operations.md explains each field.
/// </summary>
public sealed class RemindersStatusFunction
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly OperatorStatusQuery _status;
    private readonly RemindersOptions _options;
    private readonly TimeProvider _time;

    public RemindersStatusFunction(OperatorStatusQuery status, IOptions<RemindersOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _status = status;
        _options = options.Value;
        _time = time;
    }

    [Function("RemindersStatus")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reminders/status")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var interval = ReminderSchedule.TryParse(_options.Schedule, out var schedule, out _)
            ? ReminderSchedule.Interval(schedule!, _time.GetUtcNow())
            : TimeSpan.FromMinutes(15);
        var status = await _status.GetAsync(interval, cancellationToken).ConfigureAwait(false);

        // 200 while the run is healthy or only warns; 503 when it is failing, so a plain HTTP monitor can alert on it.
        return new ContentResult
        {
            Content = JsonSerializer.Serialize(status, Json),
            ContentType = "application/json; charset=utf-8",
            StatusCode = status.Health == "failing" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK,
        };
    }
}
