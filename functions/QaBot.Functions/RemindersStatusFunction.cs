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
/// The operators' view of the reminder run: <c>GET /api/reminders/status</c> with a function key in the
/// <c>x-functions-key</c> header. People appear by opaque reference only (<see cref="RedactedOperatorStatus"/>).
/// docs/operations.md explains each field and how to find the person behind a reference.
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
        ArgumentNullException.ThrowIfNull(request);

        // A key in the query string ends up in proxy and server logs and in browser history; the Functions host would
        // accept it, so it is refused here before anything is read.
        if (request.Query.ContainsKey("code"))
        {
            return new ContentResult
            {
                Content = "Send the function key in the x-functions-key header, not as ?code= in the address. A key that has been in an address should be renewed.",
                ContentType = "text/plain; charset=utf-8",
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }

        var interval = ReminderSchedule.TryParse(_options.Schedule, out var schedule, out _)
            ? ReminderSchedule.Interval(schedule!, _time.GetUtcNow())
            : TimeSpan.FromMinutes(15);
        var status = await _status.GetAsync(interval, cancellationToken).ConfigureAwait(false);

        // 200 while the run is healthy or only warns; 503 when it is failing, so a plain HTTP monitor can alert on it.
        return new ContentResult
        {
            Content = JsonSerializer.Serialize(RedactedOperatorStatus.From(status), Json),
            ContentType = "application/json; charset=utf-8",
            StatusCode = status.Health == "failing" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK,
        };
    }
}
