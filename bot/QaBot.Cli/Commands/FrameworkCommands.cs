using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Application.Framework;
using QaBot.Application.Organisation;
using QaBot.Composition;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot framework validate|show|diff|supersede</c>: check the framework catalogue, show what QaBot reads from it,
/// what a new version changes, and close the open items a new version supersedes once it is in effect.
/// </summary>
internal static class FrameworkCommands
{
    public const int Invalid = 1;

    public static Command Create(CliContext context)
    {
        var framework = new Command("framework", "The framework catalogue: check a catalogue file, or show the roles, duties and boards QaBot reads from it.");
        framework.Subcommands.Add(Validate(context));
        framework.Subcommands.Add(Show(context));
        framework.Subcommands.Add(Diff(context));
        framework.Subcommands.Add(Supersede(context));
        return framework;
    }

    private static Command Validate(CliContext context)
    {
        var file = FileOption("The catalogue file to check (default: the configured Framework:CatalogueFile).");
        var validate = new Command("validate", "Check a catalogue file and list every problem in it.") { file };
        validate.SetAction(parseResult =>
        {
            var path = ResolvePath(context, parseResult.GetValue(file));
            var result = DataFiles.ReadCatalogue(path);
            if (!result.IsValid)
            {
                return ReportErrors(context, path, result.Errors);
            }

            var catalogue = result.Catalogue;
            var generalDuties = catalogue.GeneralDuties.Count;
            context.Output.WriteLine(
                $"{path} is valid: {catalogue.Roles.Count} roles, {catalogue.TaskLineCount} task lines, " +
                $"{catalogue.Duties.Count()} duties, {generalDuties} general {(generalDuties == 1 ? "duty" : "duties")}, " +
                $"{catalogue.Bodies.Count} governance bodies.");
            return 0;
        });
        return validate;
    }

    private static Command Show(CliContext context)
    {
        var file = FileOption("Show this catalogue file instead of the configured one.");
        var format = new Option<string>("--format")
        {
            Description = "table (readable in a terminal) or json.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");

        var show = new Command("show", "Show the roles and their duties, the general duties and the Appendix A bodies.") { file, format };
        show.SetAction(parseResult =>
        {
            FrameworkCatalogue catalogue;
            var filePath = parseResult.GetValue(file);
            if (filePath is not null)
            {
                var path = ResolvePath(context, filePath);
                var result = DataFiles.ReadCatalogue(path);
                if (!result.IsValid)
                {
                    return ReportErrors(context, path, result.Errors);
                }

                catalogue = result.Catalogue;
            }
            else
            {
                try
                {
                    catalogue = context.Services.GetRequiredService<FrameworkCatalogue>();
                }
                catch (OptionsValidationException e)
                {
                    foreach (var failure in e.Failures)
                    {
                        context.Error.WriteLine(failure);
                    }

                    return Invalid;
                }
            }

            if (parseResult.GetValue(format) == "json")
            {
                context.Output.WriteLine(FrameworkJson.Write(catalogue));
            }
            else
            {
                FrameworkTable.Write(catalogue, context.Output);
            }

            return 0;
        });
        return show;
    }

    private static Command Diff(CliContext context)
    {
        var before = new Argument<string>("OLD") { Description = "The catalogue file in use now." };
        var after = new Argument<string>("NEW") { Description = "The new version of the catalogue file." };
        var noDirectory = new Option<bool>("--no-directory") { Description = "Do not read the directory for how many people hold each role." };
        var diff = new Command("diff", "Show which roles gain, lose or change which duty between two versions of the catalogue, and how many people hold each role.") { before, after, noDirectory };
        diff.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var catalogues = new List<FrameworkCatalogue>(2);
            foreach (var file in new[] { parseResult.GetValue(before)!, parseResult.GetValue(after)! })
            {
                var path = ResolvePath(context, file);
                var result = DataFiles.ReadCatalogue(path);
                if (!result.IsValid)
                {
                    return ReportErrors(context, path, result.Errors);
                }

                catalogues.Add(result.Catalogue);
            }

            if (catalogues[1].Version <= catalogues[0].Version)
            {
                context.Error.WriteLine($"The new catalogue's version ({catalogues[1].Version}) must be higher than the old one's ({catalogues[0].Version}).");
                return Invalid;
            }

            Dictionary<RoleId, int>? holders = null;
            if (!parseResult.GetValue(noDirectory))
            {
                var services = context.Services;
                var today = services.GetRequiredService<CouncilCalendar>().LocalDateOf(services.GetRequiredService<TimeProvider>().GetUtcNow());
                var snapshot = await services.GetRequiredService<IDirectoryStore>().GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
                holders = snapshot.People.Select(p => p.Value).Where(p => p.Active)
                    .SelectMany(p => p.RolesOn(today))
                    .GroupBy(r => r)
                    .ToDictionary(g => g.Key, g => g.Count());
            }

            FrameworkDiffReport.Write(catalogues[0], catalogues[1], holders, context.Output);
            return 0;
        }));
        return diff;
    }

    private static Command Supersede(CliContext context)
    {
        var previous = new Option<string?>("--previous") { Description = "The catalogue file of the version in use before the configured one (default: Framework:PreviousCatalogueFile, or the shipped previous version when the shipped catalogue is in use)." };
        var supersede = new Command(
            "supersede",
            "From the configured version's effectiveFrom date: close the open items of the duties it removed or changed as superseded by that version. Safe to run again.") { previous };
        supersede.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(context, async () =>
        {
            var path = parseResult.GetValue(previous) is { } typed ? Path.GetFullPath(typed) : ConfiguredPrevious(context);
            if (path is null)
            {
                context.Error.WriteLine("Name the previous version's catalogue with --previous FILE: Framework:PreviousCatalogueFile is not set and the configured catalogue is not the shipped one.");
                return Invalid;
            }

            var before = DataFiles.ReadCatalogue(path);
            if (!before.IsValid)
            {
                return ReportErrors(context, path, before.Errors);
            }

            var current = context.Services.GetRequiredService<FrameworkCatalogue>();
            if (current.Version <= before.Catalogue.Version)
            {
                context.Error.WriteLine($"The configured catalogue's version ({current.Version}) must be higher than the previous one's ({before.Catalogue.Version}).");
                return Invalid;
            }

            var result = await context.Services.GetRequiredService<SupersedeDuties>()
                .ExecuteAsync(before.Catalogue, current, new Core.Tracking.AuditOrigin("cli", "framework supersede"), cancellationToken).ConfigureAwait(false);
            context.Output.WriteLine(result.Status == SupersedeStatus.NotYetEffective
                ? $"Framework version {current.Version} is not in effect yet{(current.EffectiveFrom is { } from ? $" (from {UkDates.Format(from)})" : string.Empty)}: nothing was closed."
                : $"Framework version {current.Version}: {UkDates.Count(result.Closed, "open item")} of changed or removed duties closed as superseded.");
            return 0;
        }));
        return supersede;
    }

    private static Option<string?> FileOption(string description) => new("--file") { Description = description };

    private static string ResolvePath(CliContext context, string? file)
    {
        if (file is not null)
        {
            // A path typed on the command line is relative to where the command runs.
            return Path.GetFullPath(file);
        }

        return DataFiles.Resolve(Options(context).CatalogueFile);
    }

    private static FrameworkOptions Options(CliContext context) =>
        context.Services.GetRequiredService<IConfiguration>().GetSection(FrameworkOptions.Section).Get<FrameworkOptions>() ?? new FrameworkOptions();

    private static string? ConfiguredPrevious(CliContext context) =>
        Options(context).PreviousFile() is { } file ? DataFiles.Resolve(file) : null;

    private static int ReportErrors(CliContext context, string path, IReadOnlyList<CatalogueError> errors)
    {
        foreach (var error in errors)
        {
            context.Error.WriteLine(error);
        }

        context.Error.WriteLine(FrameworkCatalogueException.Summary(path, errors.Count));
        return Invalid;
    }
}
