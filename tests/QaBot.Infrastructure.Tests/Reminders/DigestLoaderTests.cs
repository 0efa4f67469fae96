using QaBot.Application.Reminders;
using QaBot.Application.Tracking;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Tests.Storage;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Reminders;

/// <summary>
/// Loading one person's digest through the ports (key lookups and ranges, no whole-directory read) gives exactly the
/// digest composed from the whole directory and every item, for everyone in the test department.
/// </summary>
[Trait("Category", "Storage")]
public sealed class DigestLoaderTests : IAsyncLifetime
{
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly AuditEntry Audit = new(TestItems.CreatedAt, Actor.System("test"), "added", "person:test", "test", TestItems.Origin);
    private static readonly DigestComposer Composer = new(new ScheduleRules(SampleFramework.Calendar, SchedulePolicy.Default));

    private readonly StorageContext _storage = new();
    private readonly List<TrackedItem> _items = [];

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        foreach (var area in Areas)
        {
            Assert.True((await _storage.Directory.SaveAreaAsync(area, null, Audit)).Saved);
        }

        foreach (var person in People)
        {
            Assert.True((await _storage.Directory.SavePersonAsync(person, null, Audit with { Subject = "person:" + person.Id })).Saved);
        }

        var n = 0;
        DateOnly[] dues = [new(2026, 10, 20), new(2026, 11, 2), new(2026, 11, 16), new(2026, 11, 19), new(2026, 11, 26), new(2026, 12, 20)];
        foreach (var person in People)
        {
            foreach (var due in dues)
            {
                var item = TestItems.Open(TestItems.Id(++n), person.Id, person.HomeArea, due);
                if (person.Id == Id(4) && due.Month == 11)
                {
                    // A team manager's supervision of one of their team.
                    item = item with { Duty = new("team-manager-supervision"), Concerns = Id(6) };
                }

                _items.Add(item);
            }
        }

        _items.Add(_items[0] with { Id = new OccurrenceId("closed-1"), Status = ItemStatus.Done, CompletedOn = Friday });
        await _storage.Tracking.AddIfAbsentAsync(_items, TestItems.Origin);
    }

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public async Task LoadAsync_EveryPerson_SameAsComposingFromTheWholeDirectory()
    {
        var loader = new DigestLoader(_storage.Directory, _storage.Tracking, Composer, Policy);

        foreach (var person in People)
        {
            var expected = Composer.Compose(person, Friday, _items, Chart, "run-1");

            var loaded = await loader.LoadAsync(person.Id, Friday, "run-1");

            Assert.NotNull(loaded);
            Assert.Equal(expected.OwnItems.Select(Describe), loaded.OwnItems.Select(Describe));
            Assert.Equal(expected.Escalated.Select(Describe), loaded.Escalated.Select(Describe));
            Assert.Equal(person.DisplayName, loaded.RecipientName);
        }
    }

    [Fact]
    public async Task LoadAsync_HeadOfService_HearsOfTeamManagersAndTheirTeams()
    {
        var loader = new DigestLoader(_storage.Directory, _storage.Tracking, Composer, Policy);

        var digest = await loader.LoadAsync(Id(3), Friday);

        Assert.NotNull(digest);
        Assert.Contains(digest.Escalated, i => i.Item.Owner == Id(4) && i.EscalationLevel == 1 && i.ConcernsName == "Person 6");
        Assert.Contains(digest.Escalated, i => i.Item.Owner == Id(6) && i.EscalationLevel == 2);
        Assert.DoesNotContain(digest.Escalated, i => i.Item.Owner == Id(12));
    }

    [Fact]
    public async Task LoadAsync_UnknownPerson_Null()
    {
        var loader = new DigestLoader(_storage.Directory, _storage.Tracking, Composer, Policy);

        Assert.Null(await loader.LoadAsync(Id(404), Friday));
    }

    private static string Describe(DigestItem item) =>
        $"{item.Item.Id}|{item.OwnerName}|{item.ConcernsName}|{item.EscalationLevel}";
}
