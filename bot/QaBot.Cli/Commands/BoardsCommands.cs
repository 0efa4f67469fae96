using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Application.Meetings;
using QaBot.Application.Storage;
using QaBot.Core.Calendar;
using QaBot.Core.Meetings;
using QaBot.Infrastructure.Graph;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot boards</c>: check the meetings file, see what a meetings sync would put in calendars (without calling
/// Microsoft Graph), and run the sync.
/// </summary>
internal static class BoardsCommands
{
    private static readonly JsonSerializerOptions Json = CliJson.Options;

    public static Command Create(CliContext context)
    {
        var boards = new Command("boards", "Board and group meetings in calendars: check the meetings file, preview a sync, run it.");
        boards.Subcommands.Add(Validate(context));
        boards.Subcommands.Add(Plan(context));
        boards.Subcommands.Add(Sync(context));
        return boards;
    }

    private static Command Validate(CliContext context)
    {
        var file = new Option<string?>("--file") { Description = "The meetings file to check; default Graph:MeetingsFile." };
        var command = new Command(
            "validate",
            "Check a meetings file against the framework catalogue, and against the stored directory for anyone booked into two meetings at once over the next twelve months, naming the line and field of every problem.")
        { file };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var sync = context.Services.GetRequiredService<BoardMeetingSync>();
            var loaded = sync.LoadSchedules(parse.GetValue(file));
            if (!loaded.IsValid)
            {
                await WriteProblemsAsync(context.Error, loaded.Errors).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await context.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var today = context.Services.GetRequiredService<CouncilCalendar>().LocalDateOf(context.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var plan = await sync.PlanAsync(today, today.AddYears(1).AddDays(-1), parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            var clashes = plan.Problems.Where(p => p.Field == BoardMeetingPlanner.ClashField).ToList();
            if (clashes.Count > 0)
            {
                await WriteProblemsAsync(context.Error, clashes).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var schedules = loaded.Schedules;
            await context.Output.WriteLineAsync(
                $"{schedules.File}: {schedules.Meetings.Count} meeting schedules, no problems; nobody in two meetings at once from {UkDates.Format(today)} for twelve months, with the directory as stored.")
                .ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command Plan(CliContext context)
    {
        var from = new Option<string?>("--from") { Description = "First date for single (half-termly) meetings, yyyy-MM-dd; default today." };
        var to = new Option<string?>("--to") { Description = "Last date for single meetings and for the series' dates shown, yyyy-MM-dd; default Graph:MeetingHorizon ahead." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command(
            "plan",
            "Print the calendar events a meetings sync would create, change or cancel, from the meetings file and the stored directory. Calls nothing but storage.")
        { from, to, format };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (!TryDate(parse.GetValue(from), "--from", out var fromDate, out var fromError)
                || !TryDate(parse.GetValue(to), "--to", out var toDate, out fromError))
            {
                await context.Error.WriteLineAsync(fromError).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            if (fromDate is { } f && toDate is { } t && t < f)
            {
                await context.Error.WriteLineAsync($"--to ({t:yyyy-MM-dd}) is before --from ({f:yyyy-MM-dd}).").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var services = context.Services;
            await services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            var plan = await services.GetRequiredService<BoardMeetingSync>().PlanAsync(fromDate, toDate, cancellationToken).ConfigureAwait(false);
            var calendar = services.GetRequiredService<CouncilCalendar>();
            if (parse.GetValue(format) == "json")
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(ToJson(plan, calendar), Json)).ConfigureAwait(false);
            }
            else
            {
                await WritePlanTableAsync(context.Output, plan, calendar).ConfigureAwait(false);
            }

            if (plan.Problems.Count > 0)
            {
                await WriteProblemsAsync(context.Error, plan.Problems).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command Sync(CliContext context)
    {
        var command = new Command(
            "sync",
            "Apply the plan: create, change and cancel Teams meetings in the organisers' calendars through Microsoft Graph, and record each event.");
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var services = context.Services;
            if (!services.GetRequiredService<IOptions<GraphOptions>>().Value.IsConfigured)
            {
                await context.Error.WriteLineAsync(new GraphNotConfiguredException().Message).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            BoardSyncResult result;
            try
            {
                result = await services.GetRequiredService<BoardMeetingSync>().SyncAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GraphNotConfiguredException e)
            {
                await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await context.Output.WriteLineAsync(
                $"Meetings: {result.Created} created, {result.Updated} changed, {result.Cancelled} cancelled, {result.Unchanged} unchanged, {result.Recreated} made again after being deleted by hand.")
                .ConfigureAwait(false);
            foreach (var failure in result.Failures)
            {
                await context.Error.WriteLineAsync("Not done: " + failure).ConfigureAwait(false);
            }

            foreach (var conflict in result.Conflicts)
            {
                await context.Error.WriteLineAsync("Not done: " + conflict).ConfigureAwait(false);
            }

            if (result.Plan.Problems.Count > 0)
            {
                await WriteProblemsAsync(context.Error, result.Plan.Problems).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            return result.Failures.Count > 0 ? CliErrors.Remote : result.Conflicts.Count > 0 ? CliErrors.Conflict : CliErrors.Ok;
        }));
        return command;
    }

    internal static bool TryDate(string? text, string option, out DateOnly? date, out string error)
    {
        date = null;
        error = string.Empty;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        error = $"{option}: '{text}' is not a date in the form yyyy-MM-dd.";
        return false;
    }

    private static async Task WriteProblemsAsync(TextWriter error, IReadOnlyList<Core.Framework.CatalogueError> problems)
    {
        foreach (var problem in problems)
        {
            await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        var count = problems.Count;
        await error.WriteLineAsync(
            $"{count} {(count == 1 ? "problem" : "problems")} in the meetings file: the schedules concerned are left as they are in calendars until it is corrected.")
            .ConfigureAwait(false);
    }

    private static async Task WritePlanTableAsync(TextWriter output, BoardPlan plan, CouncilCalendar calendar)
    {
        await output.WriteLineAsync(
            $"Meetings plan, {Uk(plan.From)} to {Uk(plan.To)}: {plan.CountOf(BoardMeetingAction.Create)} to create, {plan.CountOf(BoardMeetingAction.Update)} to change, " +
            $"{plan.CountOf(BoardMeetingAction.Cancel)} to cancel, {plan.CountOf(BoardMeetingAction.Unchanged)} unchanged.").ConfigureAwait(false);
        if (plan.Meetings.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            var rows = plan.Meetings
                .OrderBy(m => m.Start)
                .ThenBy(m => m.Event.Subject, StringComparer.Ordinal)
                .Select(m => new[]
                {
                    Action(m.Action),
                    m.Event.Subject,
                    Local(calendar, m.Start) + (m.Provisional ? " *" : string.Empty),
                    calendar.ToLocalTime(m.End).ToString("HH:mm", CultureInfo.InvariantCulture),
                    m.Event.Recurrence is { } r ? r.Rhythm() : "once",
                    m.Organiser,
                    m.Event.Attendees.Count.ToString(CultureInfo.InvariantCulture),
                    m.Action == BoardMeetingAction.Update ? string.Join("; ", m.Changes) : string.Empty,
                })
                .ToList();
            await TextTable.WriteAsync(output, ["Action", "Subject", "Start", "Ends", "Repeats", "Organiser", "Attendees", "Changes"], rows).ConfigureAwait(false);
        }

        if (plan.Cancellations.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("To cancel (future meetings only; past ones stay in calendars):").ConfigureAwait(false);
            foreach (var cancel in plan.Cancellations)
            {
                await output.WriteLineAsync($"  {cancel.Name} ({cancel.Record.Value.Key}, {cancel.Record.Value.Organiser}): {cancel.Reason}").ConfigureAwait(false);
            }
        }

        if (plan.Meetings.Any(m => m.Provisional))
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("* Provisional: the date comes from school term dates not yet confirmed.").ConfigureAwait(false);
        }

        if (plan.Unscheduled.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"Not scheduled ({plan.Unscheduled.Count}): nothing goes in calendars for these until the meetings file gives them a rhythm.").ConfigureAwait(false);
            foreach (var body in plan.Unscheduled)
            {
                await output.WriteLineAsync($"  {body.Name} ({body.Id}): {body.Framework}").ConfigureAwait(false);
            }
        }

        foreach (var warning in plan.Warnings)
        {
            await output.WriteLineAsync("Note: " + warning).ConfigureAwait(false);
        }
    }

    private static PlanJson ToJson(BoardPlan plan, CouncilCalendar calendar) => new(
        Iso(plan.From),
        Iso(plan.To),
        [.. plan.Meetings.OrderBy(m => m.Start).ThenBy(m => m.Event.Subject, StringComparer.Ordinal).Select(m => new MeetingJson(
            Action(m.Action),
            m.ScheduleId.Value,
            m.Key,
            m.Name,
            m.Event.Subject,
            IsoLocal(calendar, m.Start),
            IsoLocal(calendar, m.End),
            m.Event.TimeZone,
            m.Event.Recurrence is { } r ? new RecurrenceJson(r.Day.ToString(), r.IntervalMonths, Iso(r.StartDate), r.EndDate is { } e ? Iso(e) : null, r.Describe()) : null,
            [.. m.Occurrences.Select(Iso)],
            m.Provisional,
            m.Organiser,
            [.. m.Event.Attendees.Select(a => new AttendeeJson(a.Name, a.Address, a.Person?.Value, a.Chair))],
            m.Action == BoardMeetingAction.Update ? m.Changes : null))],
        [.. plan.Cancellations.Select(c => new CancellationJson(c.Record.Value.Body.Value, c.Record.Value.Key, c.Name, c.Record.Value.Organiser, c.Reason))],
        [.. plan.Unscheduled.Select(u => new UnscheduledJson(u.Kind, u.Id, u.Name, u.Framework))],
        plan.Warnings,
        [.. plan.Problems.Select(p => p.ToString())]);

    private static string Action(BoardMeetingAction action) => action switch
    {
        BoardMeetingAction.Create => "create",
        BoardMeetingAction.Update => "change",
        BoardMeetingAction.Cancel => "cancel",
        _ => "unchanged",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string IsoLocal(CouncilCalendar calendar, DateTimeOffset instant) =>
        calendar.ToLocalTime(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Local(CouncilCalendar calendar, DateTimeOffset instant) =>
        calendar.ToLocalTime(instant).ToString("ddd dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Uk(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private sealed record PlanJson(
        string From,
        string To,
        IReadOnlyList<MeetingJson> Meetings,
        IReadOnlyList<CancellationJson> Cancellations,
        IReadOnlyList<UnscheduledJson> Unscheduled,
        IReadOnlyList<string> Warnings,
        IReadOnlyList<string> Problems);

    private sealed record MeetingJson(
        string Action,
        string Body,
        string Key,
        string Name,
        string Subject,
        string Start,
        string End,
        string TimeZone,
        RecurrenceJson? Recurrence,
        IReadOnlyList<string> Dates,
        bool Provisional,
        string Organiser,
        IReadOnlyList<AttendeeJson> Attendees,
        IReadOnlyList<string>? Changes);

    private sealed record RecurrenceJson(string Day, int IntervalMonths, string StartDate, string? EndDate, string Description);

    private sealed record AttendeeJson(string Name, string Address, string? ObjectId, bool Chair);

    private sealed record CancellationJson(string Body, string Key, string Name, string Organiser, string Reason);

    private sealed record UnscheduledJson(string Kind, string Id, string Name, string Framework);
}
