using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Governance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;

namespace QaBot.Application.Tests.Governance;

[Trait("Category", "Fast")]
public sealed class AuditTrailQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly Actor Operator = Actor.Operator("qa.lead@council.example");
    private static readonly AuditOrigin Origin = new("cli", "audit");

    private readonly InMemoryAuditTrail _trail = new();
    private readonly InMemoryGovernanceLog _log = new();
    private readonly AuditTrailQuery _query;

    public AuditTrailQueryTests()
    {
        var directory = InMemoryDirectoryStore.With(TestDirectory.Areas, TestDirectory.People);
        _query = new AuditTrailQuery(_trail, directory, _log, SampleFramework.Calendar, new FakeTimeProvider(Now));
    }

    private static PersonId Manager => TestDirectory.Id(4);

    private static AuditRecord ItemEntry(DateTimeOffset at, Actor actor, string occurrence, AreaId area) =>
        new(new AuditEntry(at, actor, "done", "item:" + occurrence, "version 2", new AuditOrigin("teams", "activity-1")), AuditRecord.Items, area);

    [Fact]
    public async Task AskAsync_PersonByUpn_ReturnsTheirEntriesInTheDatesAndRecordsTheLook()
    {
        var item = $"team-manager-supervision.2026-11.{Manager.Value}.{TestDirectory.Id(6).Value}";
        _trail.Add(ItemEntry(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), Actor.Person(Manager), item, TestDirectory.ChesterfieldTeam1));
        _trail.Add(ItemEntry(new DateTimeOffset(2026, 10, 31, 23, 59, 0, TimeSpan.Zero), Actor.Person(Manager), item, TestDirectory.ChesterfieldTeam1));
        _trail.Add(ItemEntry(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), Actor.Person(TestDirectory.Id(5)), "other.2026-11." + TestDirectory.Id(5).Value, TestDirectory.BolsoverTeam1));

        var answer = await _query.AskAsync(new AuditQuestion("PERSON4@council.example", null, null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), Operator, Origin);

        Assert.Null(answer.Problem);

        // Council dates: 23:30 UTC on 30 November is the 30th in London (GMT); 23:59 UTC on 31 October is the 31st.
        var entry = Assert.Single(answer.Records);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), entry.Entry.At);
        var look = Assert.Single(_log.Looks);
        Assert.Equal(GovernanceLook.AuditQuery, look.Action);
        Assert.Equal(Operator, look.Actor);
        Assert.Equal(Now, look.At);
        Assert.Equal($"person:{Manager.Value} from 2026-11-01 to 2026-11-30", look.Asked);
        Assert.Equal(1, look.Count);
        Assert.DoesNotContain("person4@", look.Asked, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AskAsync_AreaByName_ReadsItsSubtreeOnly()
    {
        _trail.Add(ItemEntry(Now.AddDays(-1), Actor.Person(Manager), "a.2026-11." + Manager.Value, TestDirectory.ChesterfieldTeam1));
        _trail.Add(ItemEntry(Now.AddDays(-1), Actor.Person(TestDirectory.Id(5)), "b.2026-11." + TestDirectory.Id(5).Value, TestDirectory.BolsoverTeam1));

        var answer = await _query.AskAsync(new AuditQuestion(null, null, "Locality: Chesterfield", null, null), Operator, Origin);

        Assert.Equal(TestDirectory.ChesterfieldTeam1, Assert.Single(answer.Records).Area);
        Assert.Equal("area:" + TestDirectory.Chesterfield.Value, Assert.Single(_log.Looks).Asked);
    }

    [Fact]
    public async Task AskAsync_Item_ReturnsItsEntriesOldestFirst()
    {
        var item = "a.2026-11." + Manager.Value;
        _trail.Add(ItemEntry(Now.AddDays(-1), Actor.Person(Manager), item, TestDirectory.ChesterfieldTeam1));
        _trail.Add(ItemEntry(Now.AddDays(-9), Actor.System("scheduler"), item, TestDirectory.ChesterfieldTeam2));

        var answer = await _query.AskAsync(new AuditQuestion(null, item, null, null, null), Operator, Origin);

        Assert.Equal([Now.AddDays(-9), Now.AddDays(-1)], answer.Records.Select(r => r.Entry.At));
        Assert.Equal(2, Assert.Single(_log.Looks).Count);
    }

    [Theory]
    [InlineData("person4@council.example", "a.1", null, "exactly one")]
    [InlineData(null, null, null, "exactly one")]
    [InlineData("nobody@council.example", null, null, "No one in the directory")]
    [InlineData(null, null, "Team 1", "matches 2 areas")]
    [InlineData(null, null, "Nowhere", "No area 'Nowhere'")]
    public async Task AskAsync_BadQuestion_IsRefusedAndNothingIsRecorded(string? person, string? item, string? area, string expected)
    {
        var answer = await _query.AskAsync(new AuditQuestion(person, item, area, null, null), Operator, Origin);

        Assert.Contains(expected, answer.Problem, StringComparison.Ordinal);
        Assert.Empty(answer.Records);
        Assert.Empty(_log.Looks);
    }

    [Fact]
    public async Task AskAsync_ToBeforeFrom_IsRefused()
    {
        var answer = await _query.AskAsync(new AuditQuestion("person4@council.example", null, null, new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 1)), Operator, Origin);

        Assert.Equal("--to (Sun 1 Nov 2026) is before --from (Mon 30 Nov 2026).", answer.Problem);
    }

    [Fact]
    public async Task ListLooksAsync_ListsEarlierLooksAndRecordsItself()
    {
        await _query.AskAsync(new AuditQuestion(null, "a.1", null, null, null), Operator, Origin);

        var looks = await _query.ListLooksAsync(null, null, Actor.Operator("ig.officer"), Origin);

        Assert.Equal(GovernanceLook.AuditQuery, Assert.Single(looks).Action);
        Assert.Equal([GovernanceLook.AuditQuery, GovernanceLook.AuditLooks], _log.Looks.Select(l => l.Action));
        Assert.Equal(1, _log.Looks[1].Count);
    }
}
