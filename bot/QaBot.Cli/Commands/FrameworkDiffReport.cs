using QaBot.Core.Calendar;
using QaBot.Core.Framework;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot framework diff</c>'s text: what each role gains, loses or has changed, with how many people in the
/// directory hold the role, so a QA lead can see whom a new version touches before it is deployed.
/// </summary>
internal static class FrameworkDiffReport
{
    /// <param name="holders">People holding each role today; null when the directory was not read.</param>
    public static void Write(FrameworkCatalogue before, FrameworkCatalogue after, IReadOnlyDictionary<RoleId, int>? holders, TextWriter output)
    {
        var changes = FrameworkDiff.Compare(before, after);
        var effective = after.EffectiveFrom is { } from ? $", effective from {UkDates.Format(from)}" : string.Empty;
        output.WriteLine($"Framework version {before.Version} → {after.Version}{effective}.");
        if (changes.Count == 0)
        {
            output.WriteLine("No duty changes.");
            return;
        }

        var lines = new List<(RoleId Role, int Order, string Text)>();
        foreach (var change in changes)
        {
            var superseded = change.Supersedes && change.Before is not null ? "; open items superseded" : string.Empty;
            switch (change.Kind)
            {
                case DutyChangeKind.Added:
                    lines.Add((change.After!.RoleId, 0, $"  gains    {change.Duty}: {change.Describe()}"));
                    break;
                case DutyChangeKind.Removed:
                    lines.Add((change.Before!.RoleId, 1, $"  loses    {change.Duty}: {change.Describe()}{superseded}"));
                    break;
                case DutyChangeKind.RoleChanged:
                    lines.Add((change.Before!.RoleId, 1, $"  loses    {change.Duty}: {change.Describe()}{superseded}"));
                    lines.Add((change.After!.RoleId, 0, $"  gains    {change.Duty}: {change.Describe()}"));
                    break;
                default:
                    lines.Add((change.After!.RoleId, 2, $"  changes  {change.Duty}: {change.Describe()}{superseded}"));
                    break;
            }
        }

        var names = before.Roles.Concat(after.Roles).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Last().Name);
        foreach (var role in lines.GroupBy(l => l.Role).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var people = holders is null ? string.Empty : $", {UkDates.Count(holders.GetValueOrDefault(role.Key), "person", "people")} in the directory";
            output.WriteLine($"{names.GetValueOrDefault(role.Key, role.Key.Value)} ({role.Key}){people}:");
            foreach (var line in role.OrderBy(l => l.Order).ThenBy(l => l.Text, StringComparer.Ordinal))
            {
                output.WriteLine(line.Text);
            }
        }

        var supersededDuties = changes.Where(c => c.Supersedes && c.Before is not null).Select(c => c.Duty).Distinct().Count();
        var when = after.EffectiveFrom is { } on ? $" on {UkDates.Format(on)}" : " when it takes effect";
        output.WriteLine($"{UkDates.Count(changes.Count, "change")}; open items of {UkDates.Count(supersededDuties, "duty", "duties")} will be superseded{when}.");
    }
}
