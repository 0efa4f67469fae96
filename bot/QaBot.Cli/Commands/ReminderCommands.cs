using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Delivery;
using QaBot.Application.Reminders;
using QaBot.Application.Reports;
using QaBot.Application.Storage;
using QaBot.Core.Calendar;
using QaBot.Infrastructure.Reminders;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot tick --at DATETIME</c>: one pass of the reminder pipeline as of a moment, without a Functions host (the
/// run, then the queue drained by sending); <c>qabot reminders status</c>: what the operators' endpoint shows; and
/// <c>qabot reminders drain --instance NAME</c>: one sender over the queue, of as many as are started.
/// </summary>
internal static partial class ReminderCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Tick(context);
        yield return Status(context);
    }

    private static Command Tick(CliContext context)
    {
        var at = new Option<string?>("--at")
        {
            Description = "The moment to run as of: yyyy-MM-ddTHH:mm, council (Europe/London) time unless it ends in Z or an offset. Default: now.",
        };
        var command = new Command("tick", "Run the reminders once as of a moment: create what is due, queue one digest per person, then send them, printing what was sent; on the first working day of a month, post the monthly report to the configured channels too.") { at };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            var time = context.Services.GetRequiredService<TimeProvider>();
            if (!TryInstant(parse.GetValue(at), calendar, time, out var instant, out var problem))
            {
                await context.Error.WriteLineAsync($"--at: {problem}").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var local = calendar.ToLocalTime(instant);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Reminder run as of {local:yyyy-MM-dd HH:mm} council time ({instant:yyyy-MM-dd HH:mm}Z).")).ConfigureAwait(false);
            // The tables may not exist yet on a fresh local setup; creating them is idempotent.
            await context.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var tick = context.Services.GetRequiredService<ReminderTick>();
            var output = context.Output;
            var (run, sent) = await tick.RunAsync(instant, result => Print(output, result), cancellationToken).ConfigureAwait(false);
            foreach (var r in run.Runs)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Run {r.RunId} covered {r.From:yyyy-MM-dd HH:mm}Z to {r.To:yyyy-MM-dd HH:mm}Z: {r.Digests} digest(s) queued, {r.ItemsCreated} item(s) created{(r.CatchUpTruncated ? " (catch-up limited by Reminders:MaxCatchUp)" : string.Empty)}.")).ConfigureAwait(false);
            }

            if (run.Kind == RunOutcomeKind.NothingNew)
            {
                await context.Output.WriteLineAsync("Nothing new to cover: an earlier run already covered this moment.").ConfigureAwait(false);
            }
            else if (run.Kind == RunOutcomeKind.Busy)
            {
                await context.Output.WriteLineAsync("Another run is in progress (the Functions app, or the bot's local scheduler); it will queue the digests.").ConfigureAwait(false);
            }

            // The monthly report, as its timer would run it at this moment. The reminders' summary stays the last line,
            // which the local end-to-end check reads.
            var report = await context.Services.GetRequiredService<MonthlyReportRun>().RunAsync(instant, cancellationToken).ConfigureAwait(false);
            await PrintAsync(context.Output, report).ConfigureAwait(false);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Sent {sent.Count(SendState.Sent)}, stale {sent.Count(SendState.Stale)}, not reachable {sent.Count(SendState.NotReachable)}, failed {sent.Count(SendState.Failed)}, nothing left to send {sent.Count(SendState.Skipped)}, put back for later {sent.PutBack}, poisoned {sent.Poisoned}, possible duplicates {sent.PossibleDuplicates}.")).ConfigureAwait(false);
            var reportFailed = report.Deliveries.Any(d => d.State == ReportDeliveryState.Failed);
            return sent.Poisoned > 0 || sent.Count(SendState.Failed) > 0 || reportFailed ? CliErrors.Storage : CliErrors.Ok;
        }));
        return command;
    }

    private static Command Status(CliContext context)
    {
        var reminders = new Command("reminders", "The reminder run.");
        var status = new Command("status", "Print what the operators' status endpoint shows (JSON): runs, queue depth, failures, poison messages, people not reachable.");
        status.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var options = context.Services.GetRequiredService<IOptions<RemindersOptions>>().Value;
            var time = context.Services.GetRequiredService<TimeProvider>();
            var interval = ReminderSchedule.TryParse(options.Schedule, out var schedule, out _) ? ReminderSchedule.Interval(schedule!, time.GetUtcNow()) : TimeSpan.FromMinutes(15);
            var result = await context.Services.GetRequiredService<OperatorStatusQuery>().GetAsync(interval, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);
            return result.Health == "failing" ? CliErrors.Storage : CliErrors.Ok;
        }));
        reminders.Subcommands.Add(status);
        reminders.Subcommands.Add(Drain(context));
        return reminders;
    }

    /// <summary>
    /// <c>qabot reminders drain --instance NAME</c>: one sender over the digest queue, as one instance of the Functions
    /// app's queue trigger would be; several can run side by side, sharing Teams' limit through the shared rate budget.
    /// </summary>
    private static Command Drain(CliContext context)
    {
        var instance = new Option<string>("--instance") { Description = "A name for this sender in its output and logs (letters, digits and hyphens, up to 40), e.g. sender-2.", Required = true };
        var follow = new Option<bool>("--follow") { Description = "Keep taking digests as they are queued until stopped (Ctrl+C), rather than stopping when the queue is empty." };
        var drain = new Command("drain", "Send the digests waiting on the queue as one sender instance, printing each delivery and a summary. Start several side by side with Reminders:SharedRateBudget on and together they keep within Teams' limit.") { instance, follow };
        drain.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var name = parse.GetValue(instance)!.Trim();
            if (!InstanceName().IsMatch(name))
            {
                await context.Error.WriteLineAsync($"--instance: '{name}' is not a sender name; use letters, digits and hyphens, up to 40 (e.g. sender-2).").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var options = context.Services.GetRequiredService<IOptions<RemindersOptions>>().Value;
            await context.Output.WriteLineAsync(options.SharedRateBudget
                ? string.Create(CultureInfo.InvariantCulture, $"Sender {name}: sharing {options.GlobalRequestsPerSecond} requests a second with every other sender (Reminders:SharedRateBudget).")
                : string.Create(CultureInfo.InvariantCulture, $"Sender {name}: {options.GlobalRequestsPerSecond} requests a second of its own. Reminders:SharedRateBudget is off, so run no other sender beside it.")).ConfigureAwait(false);
            await context.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var time = context.Services.GetRequiredService<TimeProvider>();
            var started = time.GetTimestamp();
            var delivered = new System.Collections.Concurrent.ConcurrentQueue<DeliveryResult>();
            var output = context.Output;
            void OnDelivered(DeliveryResult result)
            {
                delivered.Enqueue(result);
                Print(output, result);
            }

            var drainer = context.Services.GetRequiredService<DigestQueueDrain>();
            DrainSummary summary;
            var continuous = parse.GetValue(follow);
            try
            {
                summary = await drainer.RunAsync(continuous, OnDelivered, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (continuous && cancellationToken.IsCancellationRequested)
            {
                // Stopped by the operator: digests in flight reappear on the queue for another sender.
                summary = new DrainSummary([.. delivered], 0, 0);
            }

            var seconds = time.GetElapsedTime(started).TotalSeconds;
            var sent = summary.Count(SendState.Sent);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Sender {name}: sent {sent} in {seconds:F1} s ({(seconds > 0 ? sent / seconds : 0):F1} a second), stale {summary.Count(SendState.Stale)}, not reachable {summary.Count(SendState.NotReachable)}, failed {summary.Count(SendState.Failed)}, nothing left to send {summary.Count(SendState.Skipped)}, put back for later {summary.PutBack}, poisoned {summary.Poisoned}, possible duplicates {summary.PossibleDuplicates}.")).ConfigureAwait(false);
            return summary.Poisoned > 0 || summary.Count(SendState.Failed) > 0 ? CliErrors.Storage : CliErrors.Ok;
        }));
        return drain;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9-]{1,40}$")]
    private static partial System.Text.RegularExpressions.Regex InstanceName();

    private static async Task PrintAsync(TextWriter output, MonthlyReportResult report)
    {
        if (report.Month is not { } month)
        {
            await output.WriteLineAsync("Monthly report: not due (it goes out on the first working day of the month, from Reports:MonthlyReportTime).").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Monthly report for {month}: {report.Posted} channel(s) posted now.")).ConfigureAwait(false);
        foreach (var delivery in report.Deliveries)
        {
            var problem = delivery.Problem is null ? string.Empty : $": {delivery.Problem}";
            await output.WriteLineAsync($"  {delivery.State,-14} {delivery.Channel}{problem}").ConfigureAwait(false);
        }
    }

    private static void Print(TextWriter output, DeliveryResult result)
    {
        var what = result.AlreadyFinal ? $"already {result.State}" : result.State.ToString();
        var activity = result.ActivityId is null ? string.Empty : $" activity {result.ActivityId}";
        var duplicate = result.PossibleDuplicate ? " (possible duplicate)" : string.Empty;
        lock (output)
        {
            output.WriteLine($"  {what,-14} {result.Key.Person}{activity}{duplicate}");
        }
    }

    /// <summary>Reads --at: an instant with Z or an offset, or a council local time; nothing means now.</summary>
    internal static bool TryInstant(string? text, CouncilCalendar calendar, TimeProvider time, out DateTimeOffset instant, out string? problem)
    {
        problem = null;
        instant = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 16 && text[^6] is '+' or '-');
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var withOffset))
        {
            instant = withOffset.ToUniversalTime();
            return true;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];
        if (!hasOffset && DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            instant = calendar.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
            return true;
        }

        problem = $"'{text}' is not a date and time; write for example 2026-11-30T09:00 (council time) or 2026-11-30T09:00Z.";
        return false;
    }
}
