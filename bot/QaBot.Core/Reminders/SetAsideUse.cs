using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Core.Reminders;

/// <summary>
/// How often one person set one duty's items aside as not applicable in the months a manager looks back over, with
/// the reasons they gave: what a manager sees in their digest about the people who report to them.
/// </summary>
/// <param name="Owner">The person who set the items aside.</param>
/// <param name="OwnerName">Their name as the directory gives it.</param>
/// <param name="Duty">The duty.</param>
/// <param name="Times">How many of its items they set aside in the period.</param>
/// <param name="Reasons">Each reason code given, with how many times, most used first.</param>
/// <param name="Latest">The due date of the latest item set aside.</param>
/// <param name="Repeated">True when <paramref name="Times"/> reaches the council's threshold for repeated use.</param>
public sealed record SetAsideUse(
    PersonId Owner,
    string OwnerName,
    DutyId Duty,
    int Times,
    IReadOnlyList<(string Reason, int Times)> Reasons,
    DateOnly Latest,
    bool Repeated)
{
    /// <summary>
    /// The uses in <paramref name="items"/>: the not-applicable items due on or after <paramref name="from"/>, one line
    /// per person and duty, repeated use (<paramref name="repeatedAt"/> times or more) first, then the most used.
    /// </summary>
    public static IReadOnlyList<SetAsideUse> Summarise(
        IEnumerable<TrackedItem> items, DateOnly from, int repeatedAt, Func<PersonId, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeatedAt, 2);
        return items
            .Where(i => i.Status == ItemStatus.NotApplicable && i.Due >= from)
            .DistinctBy(i => i.Key)
            .GroupBy(i => (i.Owner, i.Duty))
            .Select(g => new SetAsideUse(
                g.Key.Owner,
                nameOf(g.Key.Owner),
                g.Key.Duty,
                g.Count(),
                g.GroupBy(i => i.NotApplicableReason ?? Compliance.ComplianceEntry.OtherReason)
                    .Select(r => (r.Key, r.Count()))
                    .OrderByDescending(r => r.Item2)
                    .ThenBy(r => r.Key, StringComparer.Ordinal)
                    .ToList(),
                g.Max(i => i.Due),
                g.Count() >= repeatedAt))
            .OrderByDescending(u => u.Repeated)
            .ThenByDescending(u => u.Times)
            .ThenBy(u => u.OwnerName, StringComparer.CurrentCulture)
            .ThenBy(u => u.Duty.Value, StringComparer.Ordinal)
            .ToList();
    }
}
