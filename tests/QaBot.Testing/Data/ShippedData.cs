using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Testing.Data;

/// <summary>The data files shipped beside the program (Data/), read as the product reads them and parsed by the domain.</summary>
public static class ShippedData
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Data");

    public static string CatalogueFile { get; } = Path.Combine(Folder, "framework.yaml");

    /// <summary>Version 1 of the shipped framework, kept beside the current one.</summary>
    public static string PreviousCatalogueFile { get; } = Path.Combine(Folder, "framework-v1.yaml");

    public static string MeetingsFile { get; } = Path.Combine(Folder, "meetings.yaml");

    public static string StatutoryRulesFile { get; } = Path.Combine(Folder, "statutory-rules.yaml");

    public static string CalendarFolder { get; } = Path.Combine(Folder, "calendar");

    public static CatalogueLoadResult LoadCatalogue(string? path = null) =>
        FrameworkCatalogueLoader.Load(File.ReadAllText(path ?? CatalogueFile), path ?? CatalogueFile);

    public static MeetingScheduleLoadResult LoadMeetings(FrameworkCatalogue catalogue) =>
        MeetingScheduleLoader.Load(File.ReadAllText(MeetingsFile), Path.GetFileName(MeetingsFile), catalogue);

    public static StatutoryRuleSet LoadStatutoryRules() => StatutoryRuleSet.Parse(File.ReadAllText(StatutoryRulesFile), StatutoryRulesFile);

    public static CouncilCalendar LoadCalendar(string? folder = null)
    {
        var files = CalendarFiles.In(folder ?? CalendarFolder);
        return CalendarLoader.Parse(File.ReadAllText(files.BankHolidays), File.ReadAllText(files.SchoolTerms), File.ReadAllText(files.CouncilYears), files);
    }
}
