using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Assurance;
using QaBot.Application.Organisation;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot programme</c>: a person's annual programme of visits or meetings (docs/scheduling.md), planned entry by entry
/// and shown against the framework's number a year. Each entry is reminded in its month and answered on its card.
/// </summary>
internal static class ProgrammeCommands
{
    public static Command Create(CliContext context)
    {
        return new Command("programme", "Annual programmes of visits and meetings: add a planned visit or meeting to someone's programme, or show their programme for a year.")
        {
            AddCommand(context),
            ShowCommand(context),
        };
    }

    private static Command AddCommand(CliContext context)
    {
        var person = new Option<string>("--person") { Description = "The UPN of the person whose programme it is.", Required = true };
        var duty = new Option<string?>("--duty") { Description = "The programme's duty id, where the person has more than one ('qabot programme show' lists them)." };
        var what = new Option<string>("--what") { Description = "What the visit or meeting is: a team, a children's home or one of the bodies the task names (up to 200 characters).", Required = true };
        var when = new Option<string>("--when") { Description = "When: a month (yyyy-MM, reminded through the month) or a date (yyyy-MM-dd).", Required = true };
        var command = new Command("add", "Add a planned visit or meeting to a person's programme: it is reminded in its month and answered on its card.") { person, duty, what, when };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (await FindAsync(context, parseResult.GetValue(person)!, cancellationToken).ConfigureAwait(false) is not { } who)
            {
                return CliErrors.Invalid;
            }

            var result = await Programmes(context).AddAsync(
                who, parseResult.GetValue(duty), parseResult.GetValue(what)!, parseResult.GetValue(when)!, context.Operator, Now(context),
                new AuditOrigin("cli", "programme add"), cancellationToken).ConfigureAwait(false);
            if (result.Entry is not { } entry)
            {
                var option = result.ProblemField is { } field ? $"--{field}: " : string.Empty;
                await context.Error.WriteLineAsync(option + result.Problem + " Nothing was written.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var year = result.Programme!.Key.Year.ToString(CultureInfo.InvariantCulture);
            await context.Output.WriteLineAsync(result.Added
                ? $"Added to {who.DisplayName}'s programme for {year} as entry {entry.Number}: {entry.What}, {entry.When.Words}."
                : $"{who.DisplayName}'s programme for {year} has this already as entry {entry.Number}; nothing was added.").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var person = new Option<string>("--person") { Description = "The UPN of the person whose programme it is.", Required = true };
        var year = new Option<int?>("--year") { Description = "The year (default: this year, or the year programmes start when that is still to come)." };
        var trail = new Option<bool>("--trail") { Description = "Also list each programme's trail: who added each entry, and when." };
        var command = new Command("show", "A person's programmes for a year: each visit or meeting planned, where it stands, and the number a year it is measured against.") { person, year, trail };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (await FindAsync(context, parseResult.GetValue(person)!, cancellationToken).ConfigureAwait(false) is not { } who)
            {
                return CliErrors.Invalid;
            }

            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            var today = calendar.LocalDateOf(Now(context));
            var programmes = Programmes(context);
            var views = await programmes.ShowAsync(who, parseResult.GetValue(year) ?? programmes.YearOn(today), cancellationToken).ConfigureAwait(false);
            if (views.Count == 0)
            {
                await context.Output.WriteLineAsync($"{who.DisplayName} holds no role with an annual programme of visits or meetings.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            foreach (var view in views)
            {
                await context.Output.WriteLineAsync($"{who.DisplayName}: {ProgrammeText.Kind(view.Duty)} ({view.Duty.Id}), {ProgrammeText.Tally(view)}.").ConfigureAwait(false);
                if (view.Entries.Count > 0)
                {
                    await TextTable.WriteAsync(context.Output, ["#", "What", "When", "State"],
                        [.. view.Entries.Select(e => new[] { e.Entry.Number.ToString(CultureInfo.InvariantCulture), e.Entry.What, e.Entry.When.Words, ProgrammeText.EntryState(e, today) })]).ConfigureAwait(false);
                }

                if (view.IsShort)
                {
                    await context.Output.WriteLineAsync($"  {view.Target - view.Planned} more to plan: 'qabot programme add --person {who.Upn} --duty {view.Duty.Id} --what ... --when yyyy-MM' adds one.").ConfigureAwait(false);
                }

                if (parseResult.GetValue(trail))
                {
                    var entries = await programmes.GetAuditTrailAsync(view.Programme.Key, cancellationToken).ConfigureAwait(false);
                    await TextTable.WriteAsync(context.Output, ["When", "Who", "What", "Detail"],
                        [.. entries.Select(e => new[] { calendar.ToLocalTime(e.At).ToString("dd/MM/yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB")), e.Actor.Value, e.Action, e.Detail })]).ConfigureAwait(false);
                }

                await context.Output.WriteLineAsync().ConfigureAwait(false);
            }

            return CliErrors.Ok;
        }));
        return command;
    }

    private static async Task<Person?> FindAsync(CliContext context, string upn, CancellationToken cancellationToken)
    {
        var person = await context.Services.GetRequiredService<IDirectoryStore>().FindByUpnAsync(upn.Trim(), cancellationToken).ConfigureAwait(false);
        if (person is { Active: true })
        {
            return person;
        }

        await context.Error.WriteLineAsync($"No one active in the directory signs in as {upn} (--person). Nothing was written.").ConfigureAwait(false);
        return null;
    }

    private static AnnualProgrammes Programmes(CliContext context) => context.Services.GetRequiredService<AnnualProgrammes>();

    private static DateTimeOffset Now(CliContext context) => context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
}
