using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;

namespace QaBot.Composition;

/// <summary>
/// Makes a broken calendar folder, a broken statutory rules file, or a <c>Schedule:Duties</c> entry naming a duty the
/// catalogue does not have, a start-up failure (ValidateOnStart) rather than an error on first use.
/// </summary>
internal sealed class ScheduleDataValidation(
    ScheduleDataFiles files,
    FrameworkCatalogueFile catalogueFile,
    IOptions<FrameworkOptions> framework) : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FrameworkOptions paths;
        try
        {
            paths = framework.Value;
        }
        catch (OptionsValidationException)
        {
            // The Framework section's own validation reports it.
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        try
        {
            files.Calendar(paths);
        }
        catch (DataFileException e)
        {
            failures.Add($"Framework:CalendarDirectory: {e.Message}");
        }

        try
        {
            files.StatutoryRules(paths);
        }
        catch (DataFileException e)
        {
            failures.Add($"Framework:StatutoryRulesFile: {e.Message}");
        }

        var catalogue = catalogueFile.Load(paths);
        if (catalogue.IsValid)
        {
            failures.AddRange(options.Duties.Keys
                .Where(id => catalogue.Catalogue.FindDuty(new DutyId(id)) is null)
                .Select(id => $"Schedule:Duties:{id}: there is no duty '{id}' in the framework catalogue."));
            failures.AddRange(options.Applicability
                .Select((entry, i) => (entry.Duty, i))
                .Where(e => e.Duty is not null && Slug.IsValid(e.Duty) && catalogue.Catalogue.FindDuty(new DutyId(e.Duty)) is null)
                .Select(e => $"Schedule:Applicability:{e.i}:Duty: there is no duty '{e.Duty}' in the framework catalogue."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
