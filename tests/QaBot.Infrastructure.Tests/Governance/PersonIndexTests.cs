using Azure.Data.Tables;
using QaBot.Application.Governance;
using QaBot.Core.Governance;
using QaBot.Core.Organisation;
using QaBot.Infrastructure.Storage;
using QaBot.Infrastructure.Tests.Storage;

namespace QaBot.Infrastructure.Tests.Governance;

/// <summary>
/// Subject access through the person index finds exactly what a read of every table finds: rows indexed by an earlier
/// pass, rows written since, rows changed or gone since, and people renamed since.
/// </summary>
[Trait("Category", "Storage")]
public sealed class PersonIndexTests : IAsyncLifetime
{
    private static readonly PersonMarks Ann = new(new PersonId("a0000000-0000-4000-8000-000000000001"), "ann.lee@council.example", "Ann Lee");
    private static readonly PersonMarks Ben = new(new PersonId("a0000000-0000-4000-8000-000000000002"), "ben.cole@council.example", "Ben Cole");
    private static readonly PersonMarks Zoe = new(new PersonId("a0000000-0000-4000-8000-000000000003"), "zoe.brien@council.example", "Zoë O'Brien");

    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    private StorageTables Tables => _storage.Tables;

    private TablePersonalRecords Records() => new(Tables, TablePersonalRecords.DefaultParallelism, indexMargin: TimeSpan.Zero);

    private TablePersonIndex Index() => new(Tables, TimeSpan.Zero);

    private async Task SeedAsync()
    {
        await Tables.Items.AddEntityAsync(new TableEntity("Dept.Team A.", "i|supervision.2026-11." + Ann.Id.Value) { ["Owner"] = Ann.Id.Value, ["Manager"] = Ben.Id.Value });
        await Tables.Items.AddEntityAsync(new TableEntity("Dept.Team A.", "a|0001") { ["Note"] = "Discussed with Ann Lee", ["By"] = "BEN.COLE@council.example" });
        await Tables.Items.AddEntityAsync(new TableEntity("Dept.Team B.", "i|visit.2026-11.someone-else") { ["Owner"] = "someone-else" });
        await Tables.Governance.AddEntityAsync(new TableEntity("2026-11", "look|1") { ["Asked"] = "{\"name\":\"Zo\\u00EB O\\u0027Brien\"}" });
        await Tables.Conversations.AddEntityAsync(new TableEntity(Ann.Id.Value, "ref") { ["Reference"] = "{}" });
        await Tables.Directory.AddEntityAsync(new TableEntity("directory", "p|" + Zoe.Id.Value) { ["Upn"] = Zoe.Upn, ["DisplayName"] = Zoe.DisplayName });
    }

    private static List<string> Keys(HeldRecords records) =>
        records.Rows.Select(r => $"{r.Table}/{r.Partition}/{r.Row}:{string.Join(";", r.Values.Where(v => v.Name != "Timestamp").Select(v => $"{v.Name}={v.Value}"))}").ToList();

    private async Task AssertSameAsWholeReadAsync(PersonMarks person)
    {
        var records = Records();
        Assert.NotNull(await Index().FindAsync(person, _ => true, CancellationToken.None));
        var whole = Keys(await records.FindAsync(person, useIndex: false, CancellationToken.None));
        var found = await records.FindAsync(person);
        var indexed = Keys(found);
        Assert.NotNull(found.IndexedThrough);
        Assert.NotEmpty(whole);
        Assert.Equal(whole, indexed);
    }

    [Fact]
    public async Task Find_AfterAPass_SameAsReadingEveryTable()
    {
        await SeedAsync();
        Assert.Null(await Index().FindAsync(Ann, _ => true, CancellationToken.None));

        var update = await Records().UpdateIndexAsync([Ann, Ben, Zoe]);

        Assert.True(update.WholeTables);
        Assert.Equal(3, update.PeopleAfresh);
        Assert.Equal(6, update.RowsRead);
        Assert.Equal(7, update.Entries);
        foreach (var person in new[] { Ann, Ben, Zoe })
        {
            await AssertSameAsWholeReadAsync(person);
        }
    }

    [Fact]
    public async Task Find_RowsWrittenChangedAndGoneSinceThePass_SameAsReadingEveryTable()
    {
        await SeedAsync();
        await Records().UpdateIndexAsync([Ann, Ben, Zoe]);

        await Tables.Items.AddEntityAsync(new TableEntity("Dept.Team C.", "a|0002") { ["Note"] = "Ann Lee moved team" });
        await Tables.Items.UpsertEntityAsync(new TableEntity("Dept.Team A.", "a|0001") { ["Note"] = "Discussed with the team", ["By"] = "BEN.COLE@council.example" }, TableUpdateMode.Replace);
        await Tables.Conversations.DeleteEntityAsync(Ann.Id.Value, "ref");

        await AssertSameAsWholeReadAsync(Ann);
        await AssertSameAsWholeReadAsync(Ben);
        Assert.Equal(2, (await Records().FindAsync(Ann)).Rows.Count);

        var second = await Records().UpdateIndexAsync([Ann, Ben, Zoe]);
        Assert.False(second.WholeTables);
        Assert.Equal(2, second.RowsRead);
        await AssertSameAsWholeReadAsync(Ann);

        var third = await Records().UpdateIndexAsync([Ann, Ben, Zoe]);
        Assert.Equal((false, 0L, 0L), (third.WholeTables, third.RowsRead, third.Entries));
    }

    [Fact]
    public async Task Update_SixteenPasses_TidyEveryEntryThatLeadsNowhereAndEveryoneNoLongerInTheDirectory()
    {
        await SeedAsync();
        await Records().UpdateIndexAsync([Ann, Ben, Zoe]);
        await Tables.Items.UpsertEntityAsync(new TableEntity("Dept.Team A.", "a|0001") { ["Note"] = "Discussed with the team", ["By"] = "BEN.COLE@council.example" }, TableUpdateMode.Replace);
        await Tables.Conversations.DeleteEntityAsync(Ann.Id.Value, "ref");
        Assert.Equal(3, (await EntriesAsync(Ann)).Count);

        long removed = 0;
        for (var pass = 0; pass < 16; pass++)
        {
            removed += (await Records().UpdateIndexAsync([Ann, Ben])).Removed;
        }

        Assert.Equal(["Items/Dept.Team A./i|supervision.2026-11." + Ann.Id.Value], await EntriesAsync(Ann));
        Assert.Equal(2, (await EntriesAsync(Ben)).Count);
        Assert.Empty(await EntriesAsync(Zoe));
        Assert.Equal(2 + 2, removed);
        var marks = await Tables.PersonIndex.QueryAsync<TableEntity>(e => e.PartitionKey == TablePersonIndex.MarksPartition).Select(e => e.RowKey).ToListAsync();
        Assert.Equal([Ann.Id.Value, Ben.Id.Value], marks.Order());
        await AssertSameAsWholeReadAsync(Ann);
    }

    [Fact]
    public async Task Update_PersonAbsentFromOnePass_IsIndexedAfreshWhenBack()
    {
        await SeedAsync();
        await Records().UpdateIndexAsync([Ann, Ben, Zoe]);
        await Tables.Items.AddEntityAsync(new TableEntity("Dept.Team Z.", "a|z1") { ["Note"] = "Zoë O'Brien chaired it" });

        var without = await Records().UpdateIndexAsync([Ann, Ben]);
        var back = await Records().UpdateIndexAsync([Ann, Ben, Zoe]);

        Assert.False(without.WholeTables);
        Assert.Equal((true, 1), (back.WholeTables, back.PeopleAfresh));
        await AssertSameAsWholeReadAsync(Zoe);
        Assert.Contains((await Records().FindAsync(Zoe)).Rows, r => r.Row == "a|z1");
    }

    [Fact]
    public async Task Hold_WhileAnotherHoldsTheIndex_PassesAndErasuresAreRefusedAndNothingChanges()
    {
        await SeedAsync();
        await Records().UpdateIndexAsync([Ann, Ben, Zoe]);
        var through = await Index().ThroughAsync(CancellationToken.None);
        var lease = await Index().HoldAsync(CancellationToken.None);

        var pass = await Assert.ThrowsAsync<InvalidOperationException>(() => Records().UpdateIndexAsync([Ann, Ben, Zoe]));
        var erasure = await Assert.ThrowsAsync<InvalidOperationException>(() => Records().PseudonymiseAsync(Ann, Pseudonyms.For(Ann.Id)));

        Assert.Contains("held by another pass or erasure", pass.Message, StringComparison.Ordinal);
        Assert.Contains("held by another pass or erasure", erasure.Message, StringComparison.Ordinal);
        Assert.Equal(through, await Index().ThroughAsync(CancellationToken.None));
        Assert.NotEmpty(await EntriesAsync(Ann));
        await Index().ReleaseAsync(lease);
        Assert.False((await Records().UpdateIndexAsync([Ann, Ben, Zoe])).WholeTables);
    }

    [Fact]
    public async Task Erase_RemovesOnlyWhatLeadsToThePersonAndThePseudonymIsIndexedWithoutReadingEveryTable()
    {
        var remi = new PersonMarks(new PersonId("a0000000-0000-4000-8000-000000000004"), "remi@council.example", "Remi");
        await SeedAsync();
        await Tables.Reminders.AddEntityAsync(new TableEntity("20261201", "20261201090000|visit." + Ben.Id.Value) { ["Owner"] = Ben.Id.Value });
        await Tables.Items.AddEntityAsync(new TableEntity("Dept.Team A.", "a|0003") { ["Note"] = "Remi and Ann Lee" });
        await Records().UpdateIndexAsync([Ann, Ben, Zoe, remi]);
        var ben = await EntriesAsync(Ben);

        var pseudonym = Pseudonyms.For(remi.Id);
        await Records().PseudonymiseAsync(remi, pseudonym);

        Assert.Empty(await EntriesAsync(remi));
        Assert.Equal(ben, await EntriesAsync(Ben));
        var index = await Tables.PersonIndex.QueryAsync<TableEntity>().ToListAsync();
        Assert.DoesNotContain(index, e => e.PartitionKey.Contains(remi.Id.Value, StringComparison.Ordinal) || e.RowKey.Contains(remi.Id.Value, StringComparison.Ordinal));
        var next = await Records().UpdateIndexAsync([Ann, Ben, Zoe, pseudonym]);
        Assert.Equal((false, 0), (next.WholeTables, next.PeopleAfresh));
        await AssertSameAsWholeReadAsync(pseudonym);
        await AssertSameAsWholeReadAsync(Ann);
    }

    private async Task<List<string>> EntriesAsync(PersonMarks person) =>
        await Tables.PersonIndex.QueryAsync<TableEntity>(e => e.PartitionKey == person.Id.Value)
            .Select(e => $"{e.GetString("Table")}/{e.GetString("Partition")}/{e.GetString("Row")}").ToListAsync();

    [Fact]
    public async Task Find_PersonRenamedSinceThePass_ReadsEveryTableUntilTheNextPassIndexesTheNewName()
    {
        await SeedAsync();
        await Tables.Assurance.AddEntityAsync(new TableEntity("assurance", "review|1") { ["Reviewer"] = "Ann Lee-Hart" });
        await Records().UpdateIndexAsync([Ann, Ben, Zoe]);
        var renamed = Ann with { DisplayName = "Ann Lee-Hart" };

        Assert.Null(await Index().FindAsync(renamed, _ => true, CancellationToken.None));
        var before = Keys(await Records().FindAsync(renamed));

        var pass = await Records().UpdateIndexAsync([renamed, Ben, Zoe]);

        Assert.Equal((true, 1), (pass.WholeTables, pass.PeopleAfresh));
        Assert.Equal(before, Keys(await Records().FindAsync(renamed)));
        await AssertSameAsWholeReadAsync(renamed);
        Assert.Contains(before, k => k.StartsWith("Assurance/assurance/review|1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_StoppedPartWay_LeavesTheIndexAsItWasAndTheNextPassCompletesItWithoutDuplicates()
    {
        await SeedAsync();
        for (var i = 0; i < 3_000; i++)
        {
            await Tables.Items.UpsertEntityAsync(new TableEntity("Dept.Team A.", $"a|x{i:D5}") { ["By"] = i % 2 == 0 ? Ann.Id.Value : Ben.Upn });
        }

        using (var stop = new CancellationTokenSource())
        {
            stop.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                await Records().UpdateIndexAsync([Ann, Ben, Zoe], stop.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Null(await Index().ThroughAsync(CancellationToken.None));
            }
        }

        await Records().UpdateIndexAsync([Ann, Ben, Zoe]);
        await Records().UpdateIndexAsync([Ann, Ben, Zoe]);

        var entries = await Tables.PersonIndex.QueryAsync<TableEntity>(e => e.PartitionKey != TablePersonIndex.StatePartition && e.PartitionKey != TablePersonIndex.MarksPartition).ToListAsync();
        Assert.Equal(7 + 3_000, entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => (e.PartitionKey, e.RowKey)).Distinct().Count());
        await AssertSameAsWholeReadAsync(Ann);
        await AssertSameAsWholeReadAsync(Ben);
    }
}
