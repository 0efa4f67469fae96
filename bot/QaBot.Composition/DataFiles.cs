using System.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Meetings.Schedules;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Composition;

/// <summary>
/// Reads the council's data files from disk and hands their text to the domain's parsers: the framework catalogue,
/// the calendar folder, the statutory rules and the meetings file. The only place QaBot reads them.
/// </summary>
public static class DataFiles
{
    /// <summary>A configured path, relative to the application's folder unless it is rooted.</summary>
    public static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));

    /// <summary>The catalogue, or every problem with it (a missing or unreadable file is one problem).</summary>
    public static CatalogueLoadResult ReadCatalogue(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return TryRead(path, path, out var text, out var unreadable)
            ? FrameworkCatalogueLoader.Load(text, path)
            : new CatalogueLoadResult(null, [unreadable]);
    }

    /// <summary>The meetings file checked against the catalogue; errors name the file by its name alone.</summary>
    public static MeetingScheduleLoadResult ReadMeetingSchedules(string path, FrameworkCatalogue catalogue)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var name = Path.GetFileName(path);
        return TryRead(path, name, out var text, out var unreadable)
            ? MeetingScheduleLoader.Load(text, name, catalogue)
            : new MeetingScheduleLoadResult(null, [unreadable]);
    }

    /// <summary>The calendar from its folder. Throws <see cref="DataFileException"/> naming the file and line of any problem.</summary>
    public static CouncilCalendar ReadCalendar(string directory)
    {
        var files = new CalendarFiles(
            Path.Combine(directory, CalendarFiles.BankHolidaysFileName),
            Path.Combine(directory, CalendarFiles.SchoolTermsFileName),
            Path.Combine(directory, CalendarFiles.CouncilYearsFileName));
        return CalendarLoader.Parse(
            ReadOrThrow(files.BankHolidays, "the calendar file does not exist (the folder is set by Framework:CalendarDirectory)"),
            ReadOrThrow(files.SchoolTerms, "the calendar file does not exist (the folder is set by Framework:CalendarDirectory)"),
            ReadOrThrow(files.CouncilYears, "the calendar file does not exist (the folder is set by Framework:CalendarDirectory)"),
            files);
    }

    /// <summary>The statutory rules. Throws <see cref="DataFileException"/> naming the file and line of any problem.</summary>
    public static StatutoryRuleSet ReadStatutoryRules(string path) =>
        StatutoryRuleSet.Parse(ReadOrThrow(path, "the statutory rules file does not exist (it is set by Framework:StatutoryRulesFile)"), path);

    private static string ReadOrThrow(string path, string missing) =>
        File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : throw new DataFileException(path, 1, "(file)", missing);

    private static bool TryRead(string path, string name, out string text, out CatalogueError unreadable)
    {
        text = string.Empty;
        unreadable = null!;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            unreadable = Problem(name, name == path ? "the file does not exist" : $"the file does not exist ({path})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unreadable = Problem(name, $"the file cannot be read: {e.Message}");
        }

        return false;
    }

    private static CatalogueError Problem(string file, string message) => new(file, 1, 1, string.Empty, string.Empty, message);
}
