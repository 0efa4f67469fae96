using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Installation;
using QaBot.Application.Organisation;
using QaBot.Composition;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Tracking;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot people import|list|unreached|export|erase|index</c>: load the staff directory from a CSV file; list who works in an area; who QaBot cannot reach.</summary>
internal static class PeopleCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var people = new Command("people", "The staff directory: import it from a CSV file, or list who works in an area.");
        people.Subcommands.Add(Import(context));
        people.Subcommands.Add(List(context));
        people.Subcommands.Add(Unreached(context));
        people.Subcommands.Add(PrivacyCommands.Export(context));
        people.Subcommands.Add(PrivacyCommands.Erase(context));
        people.Subcommands.Add(PrivacyCommands.Index(context));
        return people;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The people file: UTF-8 CSV with the header objectId,upn,displayName,jobTitle,roles,areaPath,managerUpn,startDate (docs/people-import.md)." };
        var areas = new Option<string?>("--areas") { Description = "The areas file (path,kind): the complete area tree. Needed the first time; afterwards only when areas change." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the files and show what would change, without writing anything." };
        var import = new Command("import", "Check a people file against the framework's roles and the areas, then apply only the differences. Any problem means nothing is written.")
        {
            file, areas, dryRun,
        };
        import.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var peoplePath = parseResult.GetValue(file)!;
            var areasPath = parseResult.GetValue(areas);
            var problems = new List<ImportProblem>();
            var peopleName = Path.GetFileName(peoplePath);
            var peopleRows = await DirectoryImportFiles.ReadPeopleAsync(peoplePath, problems, cancellationToken).ConfigureAwait(false);
            var areaRows = areasPath is null
                ? null
                : await DirectoryImportFiles.ReadAreasAsync(areasPath, problems, cancellationToken).ConfigureAwait(false);
            if (problems.Count > 0)
            {
                var invalid = new DirectoryImportPlan(problems, [], [], [], 0, null);
                await DirectoryImportRun.WriteProblemsAsync(context.Error, invalid).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var rows = new DirectoryImportInputRows(peopleName, peopleRows!, areasPath is null ? null : Path.GetFileName(areasPath), areaRows);
            var (plan, result) = await DirectoryImportRun.RunAsync(
                context, rows, Person.Sources.CsvImport, parseResult.GetValue(dryRun), new AuditOrigin("cli", "people import " + peopleName), cancellationToken).ConfigureAwait(false);
            if (!plan.IsValid)
            {
                await DirectoryImportRun.WriteProblemsAsync(context.Error, plan).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            await context.Output.WriteLineAsync($"{peopleName}: {peopleRows!.Count} people checked, no problems.").ConfigureAwait(false);
            if (result is null)
            {
                await DirectoryImportRun.WriteChangesAsync(context.Output, plan).ConfigureAwait(false);
                await context.Output.WriteLineAsync(plan.HasChanges ? "Nothing written (--dry-run)." : "Nothing to change.").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            if (!plan.HasChanges)
            {
                await context.Output.WriteLineAsync($"Nothing to change: the directory already matches the file ({plan.UnchangedPeople} people).").ConfigureAwait(false);
                return CliErrors.Ok;
            }

            await DirectoryImportRun.WriteSummaryAsync(context.Output, plan, result).ConfigureAwait(false);
            return result.Conflicts.Count == 0 ? CliErrors.Ok : CliErrors.Conflict;
        }));
        return import;
    }

    private static Command List(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "An area's name (\"Locality: Chesterfield\") or path (\"Early Help & Safeguarding > Locality: Chesterfield > Team 1\").", Required = true };
        var format = new Option<string>("--format") { Description = "table (readable in a terminal) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var list = new Command("list", "List everyone who works in an area and the areas below it.") { area, format };
        list.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var directory = context.Services.GetRequiredService<IDirectoryStore>();
            var tree = await directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
            var asked = parseResult.GetValue(area)!;
            var matches = tree.Resolve(asked);
            if (matches.Count != 1)
            {
                await WriteAreaNotFoundAsync(context.Error, tree, asked, matches).ConfigureAwait(false);
                return CliErrors.Invalid;
            }

            var target = matches[0];
            var people = await directory.GetPeopleInAreaAsync(target.Id, cancellationToken).ConfigureAwait(false);
            var managers = new Dictionary<PersonId, Person?>();
            foreach (var id in people.Where(p => p.LineManager is not null).Select(p => p.LineManager!.Value).Distinct())
            {
                managers[id] = people.FirstOrDefault(p => p.Id == id) ?? await directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false);
            }

            string? ManagerUpn(Person p) => p.LineManager is { } id && managers.GetValueOrDefault(id) is { } m ? m.Upn : null;

            if (parseResult.GetValue(format) == "json")
            {
                var json = people.Select(p => new
                {
                    objectId = p.Id.Value,
                    upn = p.Upn,
                    displayName = p.DisplayName,
                    jobTitle = p.JobTitle,
                    roles = p.CurrentRoles.Select(r => new { role = r.Role.Value, start = r.Start }),
                    areas = p.Areas.Select(tree.PathOf),
                    managerUpn = ManagerUpn(p),
                    startDate = p.StartDate,
                });
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(json, Json)).ConfigureAwait(false);
                return CliErrors.Ok;
            }

            await context.Output.WriteLineAsync($"{tree.PathOf(target.Id)}: {people.Count} {(people.Count == 1 ? "person" : "people")}").ConfigureAwait(false);
            var rows = people.Select(p => new[]
            {
                p.DisplayName,
                p.JobTitle,
                string.Join(", ", p.CurrentRoles.Select(r => r.Role.Value)),
                string.Join("; ", p.Areas.Select(a => RelativePath(tree, target.Id, a))),
                ManagerUpn(p) ?? string.Empty,
            }).ToList();
            await TextTable.WriteAsync(context.Output, ["Name", "Job title", "Roles", "Area", "Line manager"], rows).ConfigureAwait(false);
            return CliErrors.Ok;
        }));
        return list;
    }

    private static Command Unreached(CliContext context)
    {
        var area = new Option<string?>("--area") { Description = "Only people working in this area or below it: a name (\"Locality: Chesterfield\") or a path." };
        var format = new Option<string>("--format") { Description = "table (readable in a terminal) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var unreached = new Command("unreached", "List staff with duties QaBot cannot message: no chat with the bot, a chat Teams refused, or a failed install; by area, with the reason, so they can be chased.")
        {
            area, format,
        };
        unreached.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var directory = context.Services.GetRequiredService<IDirectoryStore>();
            var tree = await directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
            AreaId? target = null;
            if (parseResult.GetValue(area) is { } asked)
            {
                var matches = tree.Resolve(asked);
                if (matches.Count != 1)
                {
                    await WriteAreaNotFoundAsync(context.Error, tree, asked, matches).ConfigureAwait(false);
                    return CliErrors.Invalid;
                }

                target = matches[0].Id;
            }

            var result = await context.Services.GetRequiredService<UnreachedPeopleQuery>().GetAsync(target, cancellationToken).ConfigureAwait(false);
            var calendar = context.Services.GetRequiredService<CouncilCalendar>();
            string Since(UnreachedPerson p) => p.Since is { } since ? UkDates.Format(calendar.LocalDateOf(since)) : string.Empty;
            if (parseResult.GetValue(format) == "json")
            {
                var json = new
                {
                    withDuties = result.WithDuties,
                    unreached = result.People.Count,
                    areas = result.People.GroupBy(p => p.AreaPath, StringComparer.Ordinal).Select(g => new
                    {
                        area = g.Key,
                        people = g.Select(p => new { objectId = p.Person.Value, upn = p.Upn, displayName = p.DisplayName, reason = ReasonWords(p.Reason), since = p.Since, detail = p.Detail }),
                    }),
                };
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(json, Json)).ConfigureAwait(false);
                return CliErrors.Ok;
            }

            var where = target is { } id ? tree.PathOf(id) : "The council";
            await context.Output.WriteLineAsync(
                $"{where}: {result.People.Count} of {result.WithDuties} staff with duties cannot be reached by QaBot ({result.Count(UnreachedReason.NoChat)} no chat, {result.Count(UnreachedReason.StaleChat)} chat refused, {result.Count(UnreachedReason.InstallFailed)} install failed).").ConfigureAwait(false);
            foreach (var group in result.People.GroupBy(p => p.AreaPath, StringComparer.Ordinal))
            {
                await context.Output.WriteLineAsync().ConfigureAwait(false);
                await context.Output.WriteLineAsync($"{group.Key} ({group.Count()})").ConfigureAwait(false);
                await TextTable.WriteAsync(
                    context.Output,
                    ["Name", "UPN", "Reason", "Since", "What to do"],
                    [.. group.Select(p => new[] { p.DisplayName, p.Upn, ReasonWords(p.Reason), Since(p), p.Detail })]).ConfigureAwait(false);
            }

            return CliErrors.Ok;
        }));
        return unreached;
    }

    private static string ReasonWords(UnreachedReason reason) => reason switch
    {
        UnreachedReason.NoChat => "no chat",
        UnreachedReason.StaleChat => "chat refused",
        UnreachedReason.InstallFailed => "install failed",
        _ => reason.ToString(),
    };

    private static string RelativePath(AreaTree tree, AreaId asked, AreaId area)
    {
        var full = tree.PathOf(area);
        var prefix = tree.PathOf(asked);
        return area == asked ? "(here)" : area.IsWithin(asked) ? full[(prefix.Length + AreaTree.PathSeparator.Length)..] : full;
    }

    internal static async Task WriteAreaNotFoundAsync(TextWriter error, AreaTree tree, string asked, IReadOnlyList<Area> matches)
    {
        if (tree.Root is null)
        {
            await error.WriteLineAsync("No areas are stored yet: import the directory first (qabot people import FILE --areas AREAS, or qabot demo seed).").ConfigureAwait(false);
            return;
        }

        if (matches.Count > 1)
        {
            await error.WriteLineAsync($"'{asked}' matches {matches.Count} areas; give more of the path:").ConfigureAwait(false);
            foreach (var match in matches)
            {
                await error.WriteLineAsync("  " + tree.PathOf(match.Id)).ConfigureAwait(false);
            }

            return;
        }

        var suggestions = tree.Suggest(asked);
        await error.WriteLineAsync($"No area is called '{asked}'." + (suggestions.Count > 0 ? " Did you mean:" : string.Empty)).ConfigureAwait(false);
        foreach (var suggestion in suggestions)
        {
            await error.WriteLineAsync("  " + tree.PathOf(suggestion.Id)).ConfigureAwait(false);
        }
    }
}
