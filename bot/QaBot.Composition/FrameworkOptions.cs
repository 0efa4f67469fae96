using System.ComponentModel.DataAnnotations;

namespace QaBot.Composition;

/// <summary>Where the framework catalogue and the council's calendars are read from. Relative paths are relative to the application's folder.</summary>
public sealed class FrameworkOptions
{
    public const string Section = "Framework";

    /// <summary>The shipped catalogue, used when <see cref="CatalogueFile"/> is not set.</summary>
    public static readonly string ShippedCatalogueFile = Path.Combine("Data", "framework.yaml");

    /// <summary>The shipped catalogue's previous version, kept beside it.</summary>
    public static readonly string ShippedPreviousCatalogueFile = Path.Combine("Data", "framework-v1.yaml");

    /// <summary>The framework catalogue (YAML).</summary>
    [Required]
    public string CatalogueFile { get; set; } = ShippedCatalogueFile;

    /// <summary>
    /// The catalogue file of the version before <see cref="CatalogueFile"/>, set when a new version is deployed: from
    /// the new version's <c>effectiveFrom</c> the nightly supersede run closes the open items of the duties it removed
    /// or changed. Unset, the run does nothing unless the shipped catalogue is in use, when the shipped previous version
    /// is the one (docs/framework.md, "Changing the framework safely").
    /// </summary>
    public string? PreviousCatalogueFile { get; set; }

    /// <summary>The previous version's file the supersede run compares with: the setting, else the shipped previous version when the shipped catalogue is in use, else none.</summary>
    public string? PreviousFile()
    {
        if (!string.IsNullOrWhiteSpace(PreviousCatalogueFile))
        {
            return PreviousCatalogueFile;
        }

        return string.Equals(DataFiles.Resolve(CatalogueFile), DataFiles.Resolve(ShippedCatalogueFile), StringComparison.Ordinal)
            ? ShippedPreviousCatalogueFile
            : null;
    }

    /// <summary>The folder holding the council calendar: bank holidays, school terms, council years (docs/calendar.md).</summary>
    [Required]
    public string CalendarDirectory { get; set; } = Path.Combine("Data", "calendar");

    /// <summary>The statutory event-anchored rules (YAML).</summary>
    [Required]
    public string StatutoryRulesFile { get; set; } = Path.Combine("Data", "statutory-rules.yaml");
}
