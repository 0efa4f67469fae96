using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;

namespace QaBot.Functions.Tests;

/// <summary>
/// A head of service (1) over a team manager (2) with two social workers (3, 4), in Chesterfield Team 1. Their roles
/// are not in any catalogue unless <c>People(teamManagerRole)</c> names one, so the run creates nothing for them
/// and tests place items themselves.
/// </summary>
internal static class RunPeople
{
    public static readonly RoleId Leader = new("test-leader");
    public static readonly RoleId Worker = new("test-worker");

    public static OrganisationPolicy Policy { get; } = OrganisationPolicy.Create([Leader.Value, "team-manager"], []);

    /// <summary>
    /// The runs' items are the ones each test adds: the managers among these people are not given the framework's
    /// every-manager supervision as well.
    /// </summary>
    public static Dictionary<string, string?> Settings() => new() { ["Schedule:Supervision:EveryManager"] = "false" };

    public static PersonId Head => TestDirectory.Id(1);

    public static PersonId Manager => TestDirectory.Id(2);

    public static PersonId Worker3 => TestDirectory.Id(3);

    public static PersonId Worker4 => TestDirectory.Id(4);

    public static IReadOnlyList<Person> People(RoleId? teamManagerRole = null) =>
    [
        TestDirectory.NewPerson(1, TestDirectory.Chesterfield, null, Leader),
        TestDirectory.NewPerson(2, TestDirectory.ChesterfieldTeam1, Head, teamManagerRole ?? Leader),
        TestDirectory.NewPerson(3, TestDirectory.ChesterfieldTeam1, Manager, Worker),
        TestDirectory.NewPerson(4, TestDirectory.ChesterfieldTeam1, Manager, Worker),
    ];

    /// <summary>An open item with reminders at the given instants.</summary>
    public static TrackedItem Item(string id, PersonId owner, DateOnly due, params DateTimeOffset[] remindAt) =>
        TrackedItem.FromOccurrence(
            new Occurrence(new OccurrenceId(id), new DutyId("supervision"), owner, due, due.AddDays(-28), due, remindAt, null, false),
            TestDirectory.ChesterfieldTeam1,
            TestItems.CreatedAt,
            Actor.System("scheduler"));
}
