using System.ComponentModel.DataAnnotations;

namespace QaBot.Composition;

/// <summary>Where the framework catalogue and the council's calendars are read from. Relative paths are relative to the application's folder.</summary>
public sealed class FrameworkOptions
{
    public const string Section = "Framework";

    /// <summary>The framework catalogue (YAML).</summary>
    [Required]
    public string CatalogueFile { get; set; } = Path.Combine("Data", "framework.yaml");

    /// <summary>The folder holding the council calendar: bank holidays, school terms, council years (docs/calendar.md).</summary>
    [Required]
    public string CalendarDirectory { get; set; } = Path.Combine("Data", "calendar");

    /// <summary>The statutory event-anchored rules (YAML).</summary>
    [Required]
    public string StatutoryRulesFile { get; set; } = Path.Combine("Data", "statutory-rules.yaml");
}
