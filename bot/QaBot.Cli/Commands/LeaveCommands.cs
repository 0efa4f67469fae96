using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Leave;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot leave add|list|cancel</c>: leave and absence, with cover (docs/workforce.md).</summary>
internal static class LeaveCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var leave = new Command("leave", "Leave and absence: reminders pause, items move to the day the person returns or go to their cover, escalations pass over them.");
        leave.Subcommands.Add(Add(context));
        leave.Subcommands.Add(List(context));
        leave.Subcommands.Add(Cancel(context));
        return leave;
    }

    private static Command Add(CliContext context)
    {
        var person = new Option<string>("--person") { Description = "Who is away: their UPN.", Required = true };
        var from = new Option<string>("--from") { Description = "Their first day away (yyyy-MM-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "Their last day away (yyyy-MM-dd).", Required = true };
        var cover = new Option<string?>("--cover") { Description = "Who covers their role meanwhile (an acting-up arrangement): their UPN. They hold the person's duties and their team's escalations until the person is back." };
        var command = new Command("add", "Record leave or absence, with an optional cover. Nothing is written if anything is wrong.") { person, from, to, cover };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (!TryDates(context, parseResult.GetValue(from), parseResult.GetValue(to), out var first, out var last))
            {
                return CliErrors.Invalid;
            }

            var directory = context.Services.GetRequiredService<IDirectoryStore>();
            var away = await FindAsync(context, directory, "--person", parseResult.GetValue(person)!, cancellationToken).ConfigureAwait(false);
            Person? covering = null;
            if (away is null || (parseResult.GetValue(cover) is { } coverUpn
                && (covering = await FindAsync(context, directory, "--cover", coverUpn, cancellationToken).ConfigureAwait(false)) is null))
            {
                return CliErrors.Invalid;
            }

            var at = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var outcome = await context.Services.GetRequiredService<LeaveRegister>().AddAsync(
                away, first, last, covering, context.Operator, at, new AuditOrigin("cli", "leave add"), cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                await context.Error.WriteLineAsync(outcome.Problem + " Nothing was recorded.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            await context.Output.WriteLineAsync($"Recorded: {away.DisplayName} away {LeaveRegister.Describe(outcome.Absence!)}.").ConfigureAwait(false);
            await context.Output.WriteLineAsync(covering is null
                ? $"Reminders pause. {Items(outcome.ItemsMoved)} falling due meanwhile moved to {UkDates.Format(outcome.Absence!.ReturnsOn(calendar))}, the first working day back; statutory items stay where they are and go to their manager."
                : $"{covering.DisplayName} covers: they hold {away.DisplayName}'s items and their team's escalations until {UkDates.Format(last)}, marked \"covering for {away.DisplayName}\".").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var person = new Option<string?>("--person") { Description = "Only this person's leave: their UPN." };
        var all = new Option<bool>("--all") { Description = "Include leave that has ended." };
        var format = new Option<string>("--format") { Description = "table (readable in a terminal) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", "List leave and absence recorded now or to come, with covers.") { person, all, format };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var directory = context.Services.GetRequiredService<IDirectoryStore>();
            IReadOnlyList<Absence> absences;
            if (parseResult.GetValue(person) is { } upn)
            {
                if (await FindAsync(context, directory, "--person", upn, cancellationToken).ConfigureAwait(false) is not { } one)
                {
                    return CliErrors.Invalid;
                }

                absences = await directory.GetAbsencesAsync(one.Id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                absences = await directory.ListAbsencesAsync(cancellationToken).ConfigureAwait(false);
            }

            var today = context.Services.GetRequiredService<CouncilCalendar>().LocalDateOf(context.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var shown = absences.Where(a => parseResult.GetValue(all) || a.To >= today).ToList();
            var names = await PersonNames.LookupAsync(directory, shown.SelectMany(a => new[] { a.Person }.Concat(a.Cover is { } c ? [c] : [])), cancellationToken).ConfigureAwait(false);
            string Name(PersonId id) => names.GetValueOrDefault(id, id.Value);
            if (parseResult.GetValue(format) == "json")
            {
                var json = shown.Select(a => new
                {
                    person = a.Person.Value,
                    name = Name(a.Person),
                    from = a.From,
                    to = a.To,
                    cover = a.Cover?.Value,
                    coverName = a.Cover is { } c ? Name(c) : null,
                    awayToday = a.IsOn(today),
                    recordedBy = a.RecordedBy.Value,
                    recordedAt = a.RecordedAt,
                });
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(json, Json)).ConfigureAwait(false);
                return CliErrors.Ok;
            }

            if (shown.Count == 0)
            {
                await context.Output.WriteLineAsync(parseResult.GetValue(all) ? "No leave recorded." : "No leave recorded now or to come.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var rows = shown.Select(a => new[]
            {
                Name(a.Person),
                UkDates.Format(a.From),
                UkDates.Format(a.To),
                a.Cover is { } c ? Name(c) : "none: items wait for their return",
                a.IsOn(today) ? "away now" : a.To < today ? "ended" : "to come",
            }).ToList();
            await TextTable.WriteAsync(context.Output, ["Name", "From", "To", "Cover", "Now"], rows).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command Cancel(CliContext context)
    {
        var person = new Option<string>("--person") { Description = "Whose leave: their UPN.", Required = true };
        var from = new Option<string>("--from") { Description = "The first day of the leave to cancel (yyyy-MM-dd), as listed.", Required = true };
        var command = new Command("cancel", "Cancel recorded leave. Items already moved keep their new dates.") { person, from };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            if (!TryDates(context, parseResult.GetValue(from), parseResult.GetValue(from), out var first, out _))
            {
                return CliErrors.Invalid;
            }

            var directory = context.Services.GetRequiredService<IDirectoryStore>();
            if (await FindAsync(context, directory, "--person", parseResult.GetValue(person)!, cancellationToken).ConfigureAwait(false) is not { } away)
            {
                return CliErrors.Invalid;
            }

            var at = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var outcome = await context.Services.GetRequiredService<LeaveRegister>().CancelAsync(away, first, context.Operator, at, new AuditOrigin("cli", "leave cancel"), cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                await context.Error.WriteLineAsync(outcome.Problem + " Nothing was changed.").ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await context.Output.WriteLineAsync($"Cancelled: {away.DisplayName}'s leave {LeaveRegister.Describe(outcome.Absence!)}. Their reminders go to them again.").ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return command;
    }

    private static async Task<Person?> FindAsync(CliContext context, IDirectoryStore directory, string option, string upn, CancellationToken cancellationToken)
    {
        if (await directory.FindByUpnAsync(upn, cancellationToken).ConfigureAwait(false) is { } person)
        {
            return person;
        }

        await context.Error.WriteLineAsync($"{option}: nobody active in the directory has the UPN '{upn}'.").ConfigureAwait(false);
        return null;
    }

    private static bool TryDates(CliContext context, string? fromText, string? toText, out DateOnly from, out DateOnly to)
    {
        from = to = default;
        if (!BoardsCommands.TryDate(fromText, "--from", out var first, out var error) || !BoardsCommands.TryDate(toText, "--to", out var last, out error))
        {
            context.Error.WriteLine(error);
            return false;
        }

        from = first!.Value;
        to = last!.Value;
        return true;
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
