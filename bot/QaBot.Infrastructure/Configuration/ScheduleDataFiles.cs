using System.Collections.Concurrent;
using QaBot.Core.Calendar;
using QaBot.Core.Configuration;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Infrastructure.Configuration;

/// <summary>Loads the calendar folder and the statutory rules once per process, for the start-up check and for use.</summary>
internal sealed class ScheduleDataFiles
{
    private readonly ConcurrentDictionary<string, Lazy<CouncilCalendar>> _calendars = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<StatutoryRuleSet>> _rules = new(StringComparer.Ordinal);

    public CouncilCalendar Calendar(FrameworkOptions options) =>
        _calendars.GetOrAdd(FrameworkOptions.Resolve(options.CalendarDirectory), path => new(() => CalendarLoader.Load(path))).Value;

    public StatutoryRuleSet StatutoryRules(FrameworkOptions options) =>
        _rules.GetOrAdd(FrameworkOptions.Resolve(options.StatutoryRulesFile), path => new(() => StatutoryRuleSet.Load(path))).Value;
}
