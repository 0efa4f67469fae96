using Microsoft.Extensions.Time.Testing;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;

namespace QaBot.Application.Tests;

/// <summary>
/// The test department (<see cref="TestDirectory"/>) in in-memory stores, with the shipped council calendar, the default
/// policy and a fake clock at <see cref="Now"/>: Friday 20 November 2026, 10:00 in London (UTC in winter).
/// </summary>
internal sealed class Council
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 11, 20);

    public static readonly AuditOrigin Teams = new("teams", "activity-1");

    public Council(bool withPeople = true)
    {
        Directory = withPeople ? InMemoryDirectoryStore.With(TestDirectory.Areas, TestDirectory.People) : new InMemoryDirectoryStore();
    }

    public InMemoryDirectoryStore Directory { get; }

    public InMemoryTrackingStore Tracking { get; } = new();

    public InMemoryConversationReferenceStore Conversations { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    public static FrameworkCatalogue Catalogue => SampleFramework.Catalogue;

    public static ScheduleRules Rules => ShippedFramework.Rules;

    public static DigestComposer Composer => ShippedFramework.Composer;

    public static OrganisationPolicy Policy => TestDirectory.Policy;

    public static Person Person(int n) => TestDirectory.Chart.Find(TestDirectory.Id(n))!;

    /// <summary>Stores an open item of <paramref name="owner"/> in their home area and returns it.</summary>
    public TrackedItem Add(string id, int owner, DateOnly due, string duty = "supervision", PersonId? concerns = null)
    {
        var person = Person(owner);
        var item = TestItems.Open(id, person.Id, person.HomeArea, due, duty) with { Concerns = concerns };
        Assert.Equal(1, Tracking.AddIfAbsentAsync([NewItem.Of(item)], TestItems.Origin).GetAwaiter().GetResult());
        return item;
    }

    public TrackedItem Get(TrackedItem item) => Tracking.GetAsync(item.Key).GetAwaiter().GetResult()!;

    /// <summary>Adds (or replaces) a person in the directory.</summary>
    public Person Save(Person person)
    {
        var stored = Directory.GetSnapshotAsync().GetAwaiter().GetResult().People.FirstOrDefault(p => p.Value.Id == person.Id);
        var audit = new AuditEntry(Now, Actor.System("test"), "added", "person:" + person.Id, "test", TestItems.Origin);
        Assert.True(Directory.SavePersonAsync(person, stored?.Version, audit).GetAwaiter().GetResult().Saved);
        return person;
    }

    /// <summary>Saves a personal chat with the bot for the person, as an install would.</summary>
    public Application.Conversations.ConversationReference Chat(int person)
    {
        var reference = new Application.Conversations.ConversationReference(TestDirectory.Id(person), "msteams", "https://smba.example/uk/", "a:" + person, "29:" + person, "28:bot", "tenant");
        Conversations.SaveAsync(reference, Now.AddDays(-30)).GetAwaiter().GetResult();
        return reference;
    }
}
