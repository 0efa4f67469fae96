using System.Collections.Concurrent;
using QaBot.Core.Calendar;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Composition;

/// <summary>Loads the calendar folder and the statutory rules once per process, for the start-up check and for use.</summary>
internal sealed class ScheduleDataFiles
{
    private readonly ConcurrentDictionary<string, Lazy<CouncilCalendar>> _calendars = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<StatutoryRuleSet>> _rules = new(StringComparer.Ordinal);

    public CouncilCalendar Calendar(FrameworkOptions options) =>
        _calendars.GetOrAdd(DataFiles.Resolve(options.CalendarDirectory), path => new(() => DataFiles.ReadCalendar(path))).Value;

    public StatutoryRuleSet StatutoryRules(FrameworkOptions options) =>
        _rules.GetOrAdd(DataFiles.Resolve(options.StatutoryRulesFile), path => new(() => DataFiles.ReadStatutoryRules(path))).Value;
}
