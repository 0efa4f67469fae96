using Microsoft.Extensions.Options;
using QaBot.Core.Framework;

namespace QaBot.Composition;

/// <summary>
/// Makes an invalid catalogue file an options failure, so that start-up (ValidateOnStart) stops with every problem
/// in the file listed, not just the first.
/// </summary>
internal sealed class FrameworkCatalogueValidation(FrameworkCatalogueFile file) : IValidateOptions<FrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, FrameworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CatalogueFile))
        {
            // The [Required] check reports this one.
            return ValidateOptionsResult.Skip;
        }

        var result = file.Load(options);
        if (result.IsValid)
        {
            return ValidateOptionsResult.Success;
        }

        var path = DataFiles.Resolve(options.CatalogueFile);
        return ValidateOptionsResult.Fail(
            [FrameworkCatalogueException.Summary(path, result.Errors.Count), .. result.Errors.Select(e => e.ToString())]);
    }
}
