using QaBot.Application.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Framework;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using Xunit;

namespace QaBot.Testing.Contracts;

/// <summary>What every <see cref="IProgrammeStore"/> must do; a derived class supplies a fresh, empty store for each test.</summary>
public abstract class ProgrammeStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuditOrigin Origin = new("cli", "programme");
    private static readonly DutyId Visits = new("exec-director-front-line-visits");
    private static readonly DutyId Meetings = new("exec-director-performance-scrutiny");

    protected abstract IProgrammeStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static ProgrammeKey Key(int person, DutyId duty, int year = 2027) => new(TestDirectory.Id(person), duty, year);

    private static ProgrammeEntry Entry(int number, string what, string when) =>
        new(number, what, ProgrammeWhen.TryParse(when, out var w) ? w : throw new ArgumentException(when), Actor.Operator("qa.lead@council.gov.uk"), At.AddMinutes(number));

    private async Task AddAsync(ProgrammeKey key, ProgrammeEntry entry) =>
        Assert.True(await Store.AddEntryAsync(key, entry, new Programme(key, []).AddedEntry(entry, Origin)));

    [Fact]
    public async Task AddEntryAsync_StartsTheProgramme_ThenAppends_EachWithItsTrailEntry()
    {
        var key = Key(1, Visits);
        var first = Entry(1, "Chesterfield locality team", "2027-03");
        var second = Entry(2, "Oakwood House children's home", "2027-05-12");

        await AddAsync(key, first);
        await AddAsync(key, second);

        var programme = await Store.GetAsync(key);
        Assert.Equal(key, programme!.Key);
        Assert.Equal([first, second], programme.Entries);
        Assert.True(programme.Entries[0].When.IsMonth);
        Assert.Equal(new DateOnly(2027, 5, 12), programme.Entries[1].When.First);
        var trail = await Store.GetAuditTrailAsync(key);
        Assert.Equal(["entry 1: 2027-03", "entry 2: 2027-05-12"], trail.Select(e => e.Detail));
        Assert.All(trail, e => Assert.Equal(key.Subject, e.Subject));
        Assert.Null(await Store.GetAsync(Key(1, Meetings)));
        Assert.Null(await Store.GetAsync(Key(1, Visits, 2028)));
    }

    [Fact]
    public async Task AddEntryAsync_ANumberTaken_WritesNothing()
    {
        var key = Key(1, Visits);
        await AddAsync(key, Entry(1, "Chesterfield locality team", "2027-03"));

        Assert.False(await Store.AddEntryAsync(key, Entry(1, "Another team", "2027-04"), new Programme(key, []).AddedEntry(Entry(1, "Another team", "2027-04"), Origin)));

        Assert.Equal(["Chesterfield locality team"], (await Store.GetAsync(key))!.Entries.Select(e => e.What));
        Assert.Single(await Store.GetAuditTrailAsync(key));
    }

    [Fact]
    public async Task ListAsync_GivesTheYearsProgrammes_OrOnePersons_ByPersonThenDuty()
    {
        await AddAsync(Key(2, Visits), Entry(1, "Bolsover locality team", "2027-02"));
        await AddAsync(Key(1, Visits), Entry(1, "Chesterfield locality team", "2027-03"));
        await AddAsync(Key(1, Meetings), Entry(1, "Corporate Parenting Board", "2027-01-20"));
        await AddAsync(Key(1, Visits, 2028), Entry(1, "Oakwood House children's home", "2028-01"));
        await AddAsync(Key(11, Visits), Entry(1, "A team of person 11's", "2027-06"));

        var year = await Store.ListAsync(2027);
        var personOne = await Store.ListAsync(2027, TestDirectory.Id(1));

        Assert.Equal(
            new[] { Key(1, Visits), Key(1, Meetings), Key(11, Visits), Key(2, Visits) }.OrderBy(k => k.Person.Value, StringComparer.Ordinal).ThenBy(k => k.Duty.Value, StringComparer.Ordinal),
            year.Select(p => p.Key));
        Assert.Equal(new[] { Key(1, Visits), Key(1, Meetings) }.OrderBy(k => k.Duty.Value, StringComparer.Ordinal), personOne.Select(p => p.Key));
        Assert.All(personOne, p => Assert.Single(p.Entries));
        Assert.Equal(["Oakwood House children's home"], (await Store.ListAsync(2028)).SelectMany(p => p.Entries).Select(e => e.What));
        Assert.Empty(await Store.ListAsync(2026));
    }
}
