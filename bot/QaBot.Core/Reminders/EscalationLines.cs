using QaBot.Core.Organisation;

namespace QaBot.Core.Reminders;

/// <summary>
/// Who hears about whose overdue items on a date: level 1 is a person's escalation target (their line manager, or
/// the head of the area above), level 2 the target's own target. Worked out once for the whole chart.
/// </summary>
public sealed class EscalationLines
{
    private static readonly IReadOnlyList<PersonId> None = [];

    private readonly Dictionary<PersonId, (PersonId? Level1, PersonId? Level2)> _up = [];
    private readonly Dictionary<(PersonId, int), List<PersonId>> _down = [];

    private EscalationLines()
    {
    }

    public static EscalationLines Build(OrganisationChart chart, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var lines = new EscalationLines();
        foreach (var person in chart.ActivePeople)
        {
            var chain = chart.EscalationChain(person.Id, on);
            var level1 = chain.Count > 0 ? chain[0].Id : (PersonId?)null;
            var level2 = chain.Count > 1 ? chain[1].Id : (PersonId?)null;
            lines._up[person.Id] = (level1, level2);
            if (level1 is { } one)
            {
                lines.Add(one, 1, person.Id);
            }

            if (level2 is { } two)
            {
                lines.Add(two, 2, person.Id);
            }
        }

        return lines;
    }

    /// <summary>Who an item of <paramref name="owner"/> escalates to at level 1 or 2; null when nobody (the top of the department, or someone not in the directory).</summary>
    public PersonId? TargetOf(PersonId owner, int level) =>
        _up.TryGetValue(owner, out var up) ? level switch { 1 => up.Level1, 2 => up.Level2, _ => null } : null;

    /// <summary>The people whose items escalate to <paramref name="recipient"/> at the level.</summary>
    public IReadOnlyList<PersonId> SourcesOf(PersonId recipient, int level) =>
        _down.TryGetValue((recipient, level), out var list) ? list : None;

    private void Add(PersonId target, int level, PersonId source)
    {
        if (!_down.TryGetValue((target, level), out var list))
        {
            list = [];
            _down[(target, level)] = list;
        }

        list.Add(source);
    }
}
