using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot schedule</c>: preview what the schedule engine would give a person, and statutory chains.</summary>
internal static class ScheduleCommands
{
    /// <summary>The example person a preview is worked out for; reports are numbered after it.</summary>
    private const string PreviewPersonPrefix = "00000000-0000-4000-8000-";

    private static readonly JsonSerializerOptions Json = CliJson.Options;

    public static Command Create(CliContext context)
    {
        var schedule = new Command("schedule", "Preview the schedule engine: a role's dated obligations, and statutory review chains.");
        schedule.Subcommands.Add(Preview(context));
        schedule.Subcommands.Add(Statutory(context));
        schedule.Subcommands.Add(CalendarCheck(context));
        return schedule;
    }

    private static Command Preview(CliContext context)
    {
        var role = new Option<string>("--role") { Description = "The role id from the framework catalogue.", Required = true };
        var start = new Option<string?>("--start") { Description = "The day the person started in the role (yyyy-MM-dd); nothing falls due before it. Default: held throughout." };
        var reports = new Option<int>("--reports") { Description = "How many people they manage, for duties owed per person managed.", DefaultValueFactory = _ => 1 };
        var from = new Option<string>("--from") { Description = "First local date of the window (yyyy-MM-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "Last local date of the window (yyyy-MM-dd).", Required = true };
        var reportsStarted = new Option<string?>("--reports-started") { Description = "The day the people they manage started (yyyy-MM-dd): their first supervision and any supervision plan run from it. Default: long ago." };
        var reportsTitle = new Option<string?>("--reports-title") { Description = "The job title of the people they manage, to preview a supervision plan chosen by job title, e.g. \"Social Worker (ASYE)\"." };
        var format = Format();
        var command = new Command("preview", "Print the occurrences a person in a role would get between two dates.") { role, start, reports, reportsStarted, reportsTitle, from, to, format };
        command.SetAction(parse =>
        {
            if (!TryDate(parse.GetValue(from), "--from", context, out var fromDate)
                || !TryDate(parse.GetValue(to), "--to", context, out var toDate)
                || !TryOptionalDate(parse.GetValue(start), "--start", context, out var startDate)
                || !TryOptionalDate(parse.GetValue(reportsStarted), "--reports-started", context, out var reportsStartDate))
            {
                return 2;
            }

            if (parse.GetValue(reportsTitle) is not null && reportsStartDate is null)
            {
                context.Error.WriteLine("--reports-title: give --reports-started too; a supervision plan runs from the start date.");
                return 2;
            }

            var reportCount = parse.GetValue(reports);
            if (reportCount is < 0 or > 500)
            {
                context.Error.WriteLine("--reports: give a number from 0 to 500.");
                return 2;
            }

            if (toDate < fromDate)
            {
                context.Error.WriteLine($"--to ({toDate:yyyy-MM-dd}) is before --from ({fromDate:yyyy-MM-dd}).");
                return 2;
            }

            var managed = reportsStartDate is { } started ? new PreviewReports(started, parse.GetValue(reportsTitle) ?? string.Empty) : null;
            return RunPreview(context, new RoleId(parse.GetValue(role)!), startDate, reportCount, managed, fromDate, toDate, parse.GetValue(format)!);
        });
        return command;
    }

    /// <summary>Who the previewed person manages: when they started and their job title (for a supervision plan).</summary>
    private sealed record PreviewReports(DateOnly Started, string JobTitle);

    private static int RunPreview(CliContext context, RoleId roleId, DateOnly? start, int reportCount, PreviewReports? managed, DateOnly from, DateOnly to, string format)
    {
        FrameworkCatalogue? catalogue;
        ScheduleEngine engine;
        try
        {
            catalogue = context.Services.GetService<FrameworkCatalogue>();
            if (catalogue is null)
            {
                context.Error.WriteLine("The framework catalogue is not available to this program, so there is nothing to preview.");
                return 1;
            }

            engine = context.Services.GetRequiredService<ScheduleEngine>();
        }
        catch (Exception e) when (e is OptionsValidationException or DataFileException or FrameworkCatalogueException)
        {
            return ReportSetupError(context, e);
        }

        var role = catalogue.FindRole(roleId);
        if (role is null)
        {
            context.Error.WriteLine($"There is no role '{roleId}' in the framework catalogue. Roles: {string.Join(", ", catalogue.Roles.Select(r => r.Id.Value))}.");
            return 2;
        }

        try
        {
            WriteCalendarWarnings(context, engine.Calendar);
            var person = new PersonId(PreviewPersonPrefix + "000000000000");
            var reports = Enumerable.Range(1, reportCount)
                .Select(i => new PersonId(PreviewPersonPrefix + i.ToString("000000000000", CultureInfo.InvariantCulture)))
                .ToList();
            var holding = new RoleHolding(person, roleId, start ?? DateOnly.MinValue, reports)
            {
                Supervisees = managed is null ? null : reports.ToDictionary(r => r, r => engine.Policy.Supervision.SuperviseeOf(PreviewReport(r, managed), from)),
            };
            var occurrences = engine.OccurrencesFor(holding, from, to);
            var tasks = role.Duties.ToDictionary(d => d.Id, d => d.Task);
            var rows = occurrences.Select(o => new PreviewRow(
                o.DutyId.Value,
                tasks[o.DutyId],
                Iso(o.Due),
                o.RemindAt.Select(r => engine.Calendar.ToLocalTime(r).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).ToList(),
                o.Id.Value,
                new PreviewWindow(Iso(o.WindowFrom), Iso(o.WindowTo)),
                o.Concerns?.Value,
                o.Provisional)).ToList();

            if (format == "json")
            {
                context.Output.WriteLine(JsonSerializer.Serialize(rows, Json));
                return 0;
            }

            WritePreviewTable(context, role, rows, reports, from, to);
            return 0;
        }
        catch (CalendarDataMissingException e)
        {
            context.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static void WritePreviewTable(CliContext context, Role role, List<PreviewRow> rows, List<PersonId> reports, DateOnly from, DateOnly to)
    {
        var output = context.Output;
        output.WriteLine($"{role.Name} ({role.Id}), {Uk(from)} to {Uk(to)}: {rows.Count} occurrence{(rows.Count == 1 ? string.Empty : "s")}.");
        if (rows.Count == 0)
        {
            return;
        }

        var reportNames = reports.Select((r, i) => (r.Value, Name: $"report {i + 1}")).ToDictionary(x => x.Value, x => x.Name);
        var table = rows.Select(r => new[]
        {
            DayAndDate(r.Due) + (r.Provisional ? " *" : string.Empty),
            $"{r.Window.From} to {r.Window.To}",
            string.Join(", ", r.RemindAt.Select(ShortLocal)),
            r.DutyId,
            r.Concerns is null ? string.Empty : reportNames[r.Concerns],
            Shorten(r.Task, 48),
            r.OccurrenceId,
        }).ToList();
        WriteTable(output, ["Due", "Window", "Reminders (local)", "Duty", "Concerns", "Task", "Occurrence id"], table);
        if (rows.Any(r => r.Provisional))
        {
            output.WriteLine();
            output.WriteLine("* Provisional: worked out from calendar data marked provisional (term dates or bank holidays not yet confirmed).");
        }
    }

    private static Command CalendarCheck(CliContext context)
    {
        var command = new Command("calendar", "Show the years the council calendar covers and warn when it runs out within six months or is provisional.");
        command.SetAction(_ =>
        {
            CouncilCalendar calendar;
            try
            {
                calendar = context.Services.GetRequiredService<CouncilCalendar>();
            }
            catch (Exception e) when (e is OptionsValidationException or DataFileException)
            {
                return ReportSetupError(context, e);
            }

            var output = context.Output;
            output.WriteLine($"Time zone: {calendar.Zone.Id}. Financial year from month {calendar.FinancialYearStartMonth}, municipal year from month {calendar.MunicipalYearStartMonth}.");
            output.WriteLine($"Bank holidays ({calendar.Files.BankHolidays}):");
            foreach (var year in calendar.BankHolidayYears.OrderBy(y => y.Year))
            {
                output.WriteLine($"  {year.Year}: {year.Days.Count} days{(year.Provisional ? " (provisional)" : string.Empty)}");
            }

            output.WriteLine($"School terms ({calendar.Files.SchoolTerms}):");
            foreach (var year in calendar.SchoolYears.OrderBy(y => y.StartYear))
            {
                output.WriteLine($"  {year.Label}: {Uk(year.HalfTerms[0].First)} to {Uk(year.HalfTerms[^1].Last)}{(year.Provisional ? " (provisional)" : string.Empty)}");
            }

            var today = calendar.LocalDateOf(context.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var warnings = CalendarCoverage.Check(calendar, today);
            foreach (var warning in warnings)
            {
                output.WriteLine($"warning: {warning.Message}");
            }

            if (warnings.Count == 0)
            {
                output.WriteLine("No warnings: the calendar covers the next six months with confirmed data.");
            }

            return 0;
        });
        return command;
    }

    private static Command Statutory(CliContext context)
    {
        var list = new Option<bool>("--list") { Description = "List the statutory rules." };
        var rule = new Option<string?>("--rule") { Description = "The rule id (see --list)." };
        var eventDate = new Option<string?>("--event-date") { Description = "The date of the event the chain starts from (yyyy-MM-dd)." };
        var count = new Option<int>("--count") { Description = "How many deadlines to print.", DefaultValueFactory = _ => 4 };
        var held = new Option<string[]>("--held") { Description = "The date each earlier review was held, in order (yyyy-MM-dd; '-' for one not held).", AllowMultipleArgumentsPerToken = true };
        var caseReference = new Option<string?>("--case") { Description = "The case reference from the case system (never a name), to show occurrence ids." };
        var format = Format();
        var command = new Command("statutory", "List the statutory rules, or print the chain of deadlines one rule gives after an event.")
        {
            list, rule, eventDate, count, held, caseReference, format,
        };
        command.SetAction(parse =>
        {
            StatutoryRuleSet rules;
            CouncilCalendar calendar;
            try
            {
                rules = context.Services.GetRequiredService<StatutoryRuleSet>();
                calendar = context.Services.GetRequiredService<CouncilCalendar>();
            }
            catch (Exception e) when (e is OptionsValidationException or DataFileException)
            {
                return ReportSetupError(context, e);
            }

            if (parse.GetValue(list))
            {
                WriteRuleList(context, rules);
                return 0;
            }

            var ruleId = parse.GetValue(rule);
            if (ruleId is null)
            {
                context.Error.WriteLine("Give --list, or --rule RULE_ID --event-date DATE --count N.");
                return 2;
            }

            var found = rules.Find(ruleId);
            if (found is null)
            {
                context.Error.WriteLine($"There is no statutory rule '{ruleId}'. Rules: {string.Join(", ", rules.Rules.Select(r => r.Id))}.");
                return 2;
            }

            if (!TryDate(parse.GetValue(eventDate), "--event-date", context, out var eventOn))
            {
                return 2;
            }

            var n = parse.GetValue(count);
            if (n is < 1 or > StatutoryRule.MaxCount)
            {
                context.Error.WriteLine($"--count: give a number from 1 to {StatutoryRule.MaxCount}.");
                return 2;
            }

            var heldDates = new List<DateOnly?>();
            foreach (var text in parse.GetValue(held) ?? [])
            {
                if (text == "-")
                {
                    heldDates.Add(null);
                    continue;
                }

                if (!TryDate(text, "--held", context, out var heldOn))
                {
                    return 2;
                }

                heldDates.Add(heldOn);
            }

            CaseReference? reference = null;
            if (parse.GetValue(caseReference) is { } caseText)
            {
                if (!CaseReference.TryParse(caseText, out reference, out var problem))
                {
                    context.Error.WriteLine($"--case: {problem}");
                    return 2;
                }
            }

            try
            {
                WriteCalendarWarnings(context, calendar);
                var chain = found.Deadlines(calendar, eventOn, n, heldDates, reference);
                WriteChain(context, found, eventOn, chain, parse.GetValue(format)!);
                return 0;
            }
            catch (CalendarDataMissingException e)
            {
                context.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static void WriteRuleList(CliContext context, StatutoryRuleSet rules)
    {
        var table = rules.Rules.Select(r => new[] { r.Id, r.Name, Describe(r), r.Legislation }).ToList();
        WriteTable(context.Output, ["Rule", "Name", "Timescales", "Source"], table);
    }

    private static string Describe(StatutoryRule rule)
    {
        var parts = new List<string>();
        foreach (var step in rule.Steps)
        {
            var text = step.After == StepAnchor.Event ? $"{step.Within} after {rule.Event}" : $"{step.Within} after the previous {rule.Item}";
            if (step.Repeats)
            {
                text = step.RepeatUntil is { } until ? $"every {step.Within} for {until}" : $"then every {step.Within}";
            }

            if (step.ExtendableTo is { } extension)
            {
                text += $" (extendable to {extension})";
            }

            parts.Add(text);
        }

        return string.Join("; ", parts);
    }

    private static void WriteChain(CliContext context, StatutoryRule rule, DateOnly eventOn, IReadOnlyList<StatutoryDeadline> chain, string format)
    {
        if (format == "json")
        {
            var rows = chain.Select(d => new ChainRow(d.N, Iso(d.Due), d.Basis, d.Id?.Value));
            context.Output.WriteLine(JsonSerializer.Serialize(rows, Json));
            return;
        }

        context.Output.WriteLine($"{rule.Name} ({rule.Id}) after {rule.Event} on {Uk(eventOn)}:");
        var table = chain.Select(d => new[] { d.N.ToString(CultureInfo.InvariantCulture), DayAndDate(Iso(d.Due)), d.Basis }).ToList();
        var headers = new List<string> { "n", "Due", "Basis" };
        if (chain.Any(d => d.Id is not null))
        {
            headers.Add("Occurrence id");
            table = table.Zip(chain, (row, d) => row.Append(d.Id?.Value ?? string.Empty).ToArray()).ToList();
        }

        WriteTable(context.Output, headers, table);
    }

    /// <summary>Configuration or data files the command needs are wrong: say what and where, and exit 1.</summary>
    private static int ReportSetupError(CliContext context, Exception e)
    {
        if (e is OptionsValidationException validation)
        {
            foreach (var failure in validation.Failures)
            {
                context.Error.WriteLine(failure);
            }
        }
        else
        {
            context.Error.WriteLine(e.Message);
        }

        return 1;
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");
        return format;
    }

    private static void WriteCalendarWarnings(CliContext context, CouncilCalendar calendar)
    {
        var today = calendar.LocalDateOf(context.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        foreach (var warning in CalendarCoverage.Check(calendar, today))
        {
            context.Error.WriteLine($"warning: {warning.Message}");
        }
    }

    private static bool TryDate(string? text, string option, CliContext context, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        context.Error.WriteLine(text is null ? $"{option} is required (yyyy-MM-dd)." : $"{option}: '{text}' is not a date as yyyy-MM-dd.");
        return false;
    }

    /// <summary>A made-up person managed, with only what choosing a supervision plan reads: the job title and start date.</summary>
    private static Person PreviewReport(PersonId id, PreviewReports managed) => new(
        id, id.Value + "@preview.invalid", "Preview report", managed.JobTitle, [AreaId.Root("Preview")], [], null, managed.Started, Active: true, LeftOn: null, Person.Sources.CsvImport);

    private static bool TryOptionalDate(string? text, string option, CliContext context, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (!TryDate(text, option, context, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<string> headers, List<string[]> rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Uk(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string DayAndDate(string iso) =>
        DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ShortLocal(string isoWithOffset) =>
        DateTimeOffset.ParseExact(isoWithOffset, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int length)
    {
        var single = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= length ? single : single[..(length - 1)] + "…";
    }

    private sealed record PreviewRow(
        string DutyId,
        string Task,
        string Due,
        IReadOnlyList<string> RemindAt,
        string OccurrenceId,
        PreviewWindow Window,
        string? Concerns,
        bool Provisional);

    private sealed record PreviewWindow(string From, string To);

    private sealed record ChainRow(int N, string Due, string Basis, string? OccurrenceId);
}
