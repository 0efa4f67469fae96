using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot learning-days</c>: the QA team arranges practice learning days from a file, records each day's activities,
/// then records it as held (which gives the Executive Director the follow-up visit) or cancelled
/// (docs/quality-assurance.md). Every change is kept in the day's own trail.
/// </summary>
internal static class LearningDaysCommands
{
    public static Command Create(CliContext context)
    {
        return new Command("learning-days", "Practice learning days: arrange one from a file, list them, show one, record an activity, record it held or cancelled.")
        {
            CreateCommand(context),
            ListCommand(context),
            ShowCommand(context),
            ActivityCommand(context),
            HeldCommand(context),
            CancelCommand(context),
        };
    }

    private static Command CreateCommand(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The day's YAML file: title, service, date, lead, participants, linesOfEnquiry." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file, the service and the people, and say what would be arranged, without writing anything." };
        var command = new Command("create", "Arrange a practice learning day: its service, date, lead, participants and key lines of enquiry.") { file, dryRun };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var path = parseResult.GetValue(file)!;
            if (await CliErrors.ReadFileAsync(context, path, cancellationToken).ConfigureAwait(false) is not { } yaml)
            {
                return CliErrors.Invalid;
            }

            var check = parseResult.GetValue(dryRun);
            var result = await Programme(context).CreateAsync(
                yaml, Path.GetFileName(path), context.Operator, Now(context), new AuditOrigin("cli", "learning-days create " + Path.GetFileName(path)), check, cancellationToken).ConfigureAwait(false);
            if (result.Day is not { } day)
            {
                return await CliErrors.NothingWrittenAsync(context, result.Problems).ConfigureAwait(false);
            }

            var what = $"the practice learning day '{day.Title}' ({day.Id}) on {UkDates.Format(day.Date)} with {UkDates.Count(day.Participants.Count, "participant", "participants")}";
            var line = !result.Created && !result.New ? $"{char.ToUpperInvariant(what[0])}{what[1..]} was arranged already; nothing was changed."
                : check ? $"The file is sound. Would arrange {what}. Nothing was written."
                : $"Arranged {what}.";
            await context.Output.WriteLineAsync(line).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "Every practice learning day, latest first, and the follow-up visits made in the last twelve months against the number a year the framework expects.");
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var programme = Programme(context);
            var days = await programme.ListAsync(cancellationToken).ConfigureAwait(false);
            if (days.Count == 0)
            {
                await context.Output.WriteLineAsync("No practice learning days have been arranged. 'qabot learning-days create FILE' arranges one.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var today = context.Services.GetRequiredService<CouncilCalendar>().LocalDateOf(Now(context));
            await TextTable.WriteAsync(context.Output, ["Id", "Date", "Service", "Lead", "People", "Activities", "State", "Follow-up visit"],
                [.. days.Select(v => new[]
                {
                    v.Day.Id, UkDates.Format(v.Day.Date), v.ServiceName, v.LeadName, Number(v.Day.Participants.Count), Number(v.Day.Activities.Count),
                    LearningDayText.State(v.Day, today), LearningDayText.Visits(v, today),
                })]).ConfigureAwait(false);

            await context.Output.WriteLineAsync().ConfigureAwait(false);
            foreach (var line in programme.VisitTally(days, today))
            {
                await context.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The day's id, as 'qabot learning-days list' shows it." };
        var trail = new Option<bool>("--trail") { Description = "Also list the day's trail: who arranged it, recorded its activities and its outcome, and when." };
        var command = new Command("show", "One practice learning day: its lines of enquiry, the people taking part, its activities and follow-up visits.") { id, trail };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var programme = Programme(context);
            var dayId = parseResult.GetValue(id)!;
            if (await programme.GetAsync(dayId, cancellationToken).ConfigureAwait(false) is not { } view)
            {
                await context.Error.WriteLineAsync($"There is no practice learning day with the id {dayId}: 'qabot learning-days list' shows them.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            var today = calendar.LocalDateOf(Now(context));
            var day = view.Day;
            await context.Output.WriteLineAsync($"Practice learning day '{day.Title}' ({day.Id}) on {UkDates.Format(day.Date)}: {LearningDayText.State(day, today)}.").ConfigureAwait(false);
            await context.Output.WriteLineAsync($"  Service: {view.ServicePath}").ConfigureAwait(false);
            await context.Output.WriteLineAsync($"  Led by: {view.LeadName}").ConfigureAwait(false);
            await context.Output.WriteLineAsync($"  Taking part: {string.Join(", ", view.ParticipantNames)}").ConfigureAwait(false);
            foreach (var (line, i) in day.LinesOfEnquiry.Select((l, i) => (l, i)))
            {
                await context.Output.WriteLineAsync($"  Line of enquiry {i + 1}: {line}").ConfigureAwait(false);
            }

            if (day.Outcome is { Held: false, Note: var reason })
            {
                await context.Output.WriteLineAsync($"  Cancelled: {reason}").ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync().ConfigureAwait(false);
            if (day.Activities.Count == 0)
            {
                await context.Output.WriteLineAsync("No activities recorded yet: 'qabot learning-days activity' records one.").ConfigureAwait(false);
            }
            else
            {
                var people = context.Services.GetRequiredService<QaBot.Application.Organisation.IDirectoryStore>();
                var rows = new List<string[]>();
                foreach (var a in day.Activities)
                {
                    var by = a.By is { } who ? (await people.GetPersonAsync(who, cancellationToken).ConfigureAwait(false))?.DisplayName ?? who.Value : string.Empty;
                    rows.Add([Number(a.Number), LearningDay.KindName(a.Kind), a.Case?.Value ?? string.Empty, by, a.Summary]);
                }

                await TextTable.WriteAsync(context.Output, ["#", "Activity", "Case", "By", "Summary"], rows).ConfigureAwait(false);
            }

            if (view.Visits.Count > 0)
            {
                await context.Output.WriteLineAsync().ConfigureAwait(false);
                await TextTable.WriteAsync(context.Output, ["Follow-up visit", "Due", "State"],
                    [.. view.Visits.Select(v => new[] { v.Owner, UkDates.Format(v.Item.EffectiveDue), LearningDayText.ItemState(v.Item, today) })]).ConfigureAwait(false);
            }

            if (parseResult.GetValue(trail))
            {
                await context.Output.WriteLineAsync().ConfigureAwait(false);
                var entries = await programme.GetAuditTrailAsync(day.Id, cancellationToken).ConfigureAwait(false);
                await TextTable.WriteAsync(context.Output, ["When", "Who", "What", "Detail"],
                    [.. entries.Select(e => new[] { calendar.ToLocalTime(e.At).ToString("dd/MM/yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB")), e.Actor.Value, e.Action, e.Detail })]).ConfigureAwait(false);
            }

            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command ActivityCommand(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The day's id." };
        var kind = new Option<string>("--kind") { Description = "reflective-case-review, focus-group or show-me-tell-me.", Required = true };
        var summary = new Option<string>("--summary") { Description = "What the activity found (up to 500 characters; no names or other personal identifiers).", Required = true };
        var caseOption = new Option<string?>("--case") { Description = "The case reference the activity read, where there is one." };
        var by = new Option<string?>("--by") { Description = "The UPN of who undertook the activity." };
        var command = new Command("activity", "Record an activity of a practice learning day, on or after the day.") { id, kind, summary, caseOption, by };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var dayId = parseResult.GetValue(id)!;
            var result = await Programme(context).RecordActivityAsync(
                dayId, parseResult.GetValue(kind)!, parseResult.GetValue(summary)!, parseResult.GetValue(caseOption), parseResult.GetValue(by),
                context.Operator, Now(context), new AuditOrigin("cli", "learning-days activity " + dayId), cancellationToken).ConfigureAwait(false);
            return await ReportAsync(context, result).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command HeldCommand(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The day's id." };
        var command = new Command("held", "Record a practice learning day as held: the Executive Director is given the follow-up visit to the service.") { id };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var dayId = parseResult.GetValue(id)!;
            var result = await Programme(context).RecordHeldAsync(dayId, context.Operator, Now(context), new AuditOrigin("cli", "learning-days held " + dayId), cancellationToken).ConfigureAwait(false);
            if (result.Day is null)
            {
                await context.Error.WriteLineAsync(result.Problem + " Nothing was changed.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var visits = result.VisitsMade == 0 ? "no follow-up visit to make (each was made already)"
                : $"{UkDates.Count(result.VisitsMade, "follow-up visit", "follow-up visits")} due {UkDates.Format(result.VisitsDue)}";
            await context.Output.WriteLineAsync(result.Recorded
                ? $"Recorded the day {dayId} as held; {visits}."
                : $"The day {dayId} was recorded as held already; {visits}.").ConfigureAwait(false);
            foreach (var role in result.VacantRoles)
            {
                await context.Error.WriteLineAsync($"No one active holds the role {role}, which owes a follow-up visit: give the role in the directory, then run 'qabot learning-days held {dayId}' again to make the visit.").ConfigureAwait(false);
            }

            return result.VacantRoles.Count == 0 ? CliErrors.Ok : CliErrors.Conflict;
        }));
        return command;
    }

    private static Command CancelCommand(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The day's id." };
        var reason = new Option<string>("--reason") { Description = "Why the day did not go ahead (up to 500 characters).", Required = true };
        var command = new Command("cancel", "Record a practice learning day as cancelled, with the reason.") { id, reason };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var dayId = parseResult.GetValue(id)!;
            var result = await Programme(context).CancelAsync(dayId, parseResult.GetValue(reason)!, context.Operator, Now(context), new AuditOrigin("cli", "learning-days cancel " + dayId), cancellationToken).ConfigureAwait(false);
            return await ReportAsync(context, result).ConfigureAwait(false);
        }));
        return command;
    }

    private static LearningDayProgramme Programme(CliContext context) => context.Services.GetRequiredService<LearningDayProgramme>();

    private static DateTimeOffset Now(CliContext context) => context.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static async Task<int> ReportAsync(CliContext context, LearningDayChange result)
    {
        if (result.Changed)
        {
            await context.Output.WriteLineAsync(result.Message).ConfigureAwait(false);
            return CliErrors.Ok;
        }

        await context.Error.WriteLineAsync(result.Message + " Nothing was changed.").ConfigureAwait(false);
        return CliErrors.Invalid;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
