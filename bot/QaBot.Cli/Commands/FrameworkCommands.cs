using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Composition;
using QaBot.Core.Framework;

namespace QaBot.Cli.Commands;

/// <summary><c>qabot framework validate|show</c>: check the framework catalogue and show what QaBot reads from it.</summary>
internal static class FrameworkCommands
{
    public const int Invalid = 1;

    public static Command Create(CliContext context)
    {
        var framework = new Command("framework", "The framework catalogue: check a catalogue file, or show the roles, duties and boards QaBot reads from it.");
        framework.Subcommands.Add(Validate(context));
        framework.Subcommands.Add(Show(context));
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

    private static Option<string?> FileOption(string description) => new("--file") { Description = description };

    private static string ResolvePath(CliContext context, string? file)
    {
        if (file is not null)
        {
            // A path typed on the command line is relative to where the command runs.
            return Path.GetFullPath(file);
        }

        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var options = configuration.GetSection(FrameworkOptions.Section).Get<FrameworkOptions>() ?? new FrameworkOptions();
        return DataFiles.Resolve(options.CatalogueFile);
    }

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
