using QaBot.Application.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;

namespace QaBot.Application.Tracking;

/// <summary>
/// What a line manager sees of the items their reports set aside as not applicable: over the last
/// <see cref="ReportOptions.NotApplicableLookbackMonths"/> months, one line per person and duty with the reasons
/// given, repeated use (<see cref="ReportOptions.RepeatedNotApplicable"/> times or more) flagged. Reads only the
/// set-aside items of the reports' home areas.
/// </summary>
public sealed class SetAsideReview
{
    private readonly ITrackingStore _tracking;
    private readonly ReportOptions _options;

    public SetAsideReview(ITrackingStore tracking, ReportOptions options)
    {
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The first due date looked back to on <paramref name="asOf"/>.</summary>
    public DateOnly From(DateOnly asOf) => asOf.AddMonths(-_options.NotApplicableLookbackMonths);

    /// <summary>The set-aside uses of <paramref name="reports"/> (the people whose line manager is the reader).</summary>
    public async Task<IReadOnlyList<SetAsideUse>> ForReportsAsync(IReadOnlyCollection<Person> reports, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return [];
        }

        var from = From(asOf);
        var names = reports.ToDictionary(p => p.Id, p => p.DisplayName);
        var lists = await Task.WhenAll(reports
            .Select(p => p.HomeArea)
            .Distinct()
            .Select(area => _tracking.GetSetAsideAsync(area, from, cancellationToken))).ConfigureAwait(false);
        var items = lists.SelectMany(l => l).Where(i => names.ContainsKey(i.Owner));
        return SetAsideUse.Summarise(items, from, _options.RepeatedNotApplicable, id => names[id]);
    }
}
