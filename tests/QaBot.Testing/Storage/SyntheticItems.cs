using System.Globalization;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Testing.Storage;

/// <summary>
/// A department-sized load of items for read-count tests and benchmarks: divisions, localities and teams, people in
/// each team, and items a year either side of <see cref="AsOf"/>, most past ones done. Deterministic for a seed.
/// </summary>
public sealed class SyntheticItems
{
    public static readonly DateOnly AsOf = new(2026, 11, 20);

    private static readonly DateTimeOffset CreatedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private SyntheticItems(AreaTree tree, IReadOnlyList<NewItem> items)
    {
        Tree = tree;
        Items = items;
    }

    public AreaTree Tree { get; }

    public IReadOnlyList<NewItem> Items { get; }

    /// <summary>The first division: the area the read tests ask about.</summary>
    public AreaId Division => Tree.Children(Tree.Root!.Id)[0].Id;

    public static SyntheticItems Create(int count, int divisions = 4, int localities = 4, int teams = 3, int peoplePerTeam = 8, int seed = 42)
    {
        var root = AreaId.Root("Department");
        var areas = new List<Area> { new(root, "Department", AreaKind.Department) };
        var teamAreas = new List<AreaId>();
        for (var d = 1; d <= divisions; d++)
        {
            var division = root.Child($"Division {d}");
            areas.Add(new Area(division, $"Division {d}", AreaKind.Division));
            for (var l = 1; l <= localities; l++)
            {
                var locality = division.Child($"Locality {l}");
                areas.Add(new Area(locality, $"Locality {l}", AreaKind.Locality));
                for (var t = 1; t <= teams; t++)
                {
                    var team = locality.Child($"Team {t}");
                    areas.Add(new Area(team, $"Team {t}", AreaKind.Team));
                    teamAreas.Add(team);
                }
            }
        }

        var random = new Random(seed);
        var items = new List<NewItem>(count);
        var duties = new[] { "supervision", "my-plan", "reflective-case-review", "practice-observation" };
        for (var i = 0; i < count; i++)
        {
            var teamIndex = i % teamAreas.Count;
            var team = teamAreas[teamIndex];
            var person = new PersonId($"00000000-0000-4000-{teamIndex:D4}-{random.Next(peoplePerTeam):D12}");
            var due = AsOf.AddDays(random.Next(-365, 60));
            var id = new OccurrenceId(string.Create(CultureInfo.InvariantCulture, $"synthetic-{i:D7}"));
            var created = TrackedItem.FromOccurrence(
                new Occurrence(id, new DutyId(duties[i % duties.Length]), person, due, due.AddDays(-14), due, [new DateTimeOffset(due.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)], null, false),
                team,
                CreatedAt,
                Actor.System("scheduler"));

            // Nine in ten past items are done, on time or a little late; the rest stay open and become overdue.
            if (due < AsOf && random.Next(10) != 0)
            {
                var doneOn = due.AddDays(random.Next(-5, 10));
                var reply = new ItemReply($"r{i}", id, ReplyKind.Done, person, new DateTimeOffset(doneOn.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero), doneOn, null, new AuditOrigin("teams"));
                items.Add(new NewItem(created, [ItemTransitions.Reply(created, reply)!]));
            }
            else
            {
                items.Add(NewItem.Of(created));
            }
        }

        return new SyntheticItems(new AreaTree(areas), items);
    }
}
