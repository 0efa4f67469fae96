using Azure.Data.Tables;
using QaBot.Infrastructure.Storage;
using QaBot.Infrastructure.Tests.Storage;

namespace QaBot.Infrastructure.Tests.Governance;

/// <summary>The ranges subject access reads side by side cover every row once, whether or not its area is still in the directory.</summary>
[Trait("Category", "Storage")]
public sealed class PersonalRecordsRangeTests : IAsyncLifetime
{
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public void Ranges_NoAreas_OneWholeRead() => Assert.Equal([null], TableScan.Ranges([]));

    [Fact]
    public async Task Ranges_SplitAtSomeAreasOnly_EveryRowReadExactlyOnce()
    {
        string[] partitions = ["", "0.", "Department.", "Department.Division 1.", "Department.Division 1.Team 1.", "Department.Division 2.", "Retired.", "~~"];
        foreach (var partition in partitions)
        {
            await _storage.Tables.Items.AddEntityAsync(new TableEntity(partition, "i|one"));
            await _storage.Tables.Items.AddEntityAsync(new TableEntity(partition, "i|two"));
        }

        var ranges = TableScan.Ranges(["Department.", "Department.Division 1.Team 1.", "Department.Division 2."]);
        var many = TableScan.Ranges(Enumerable.Range(0, 100).Select(n => $"Department.Team {n:D3}.").ToList());
        var read = new List<string>();
        foreach (var range in ranges)
        {
            read.AddRange(await _storage.Tables.Items.QueryAsync<TableEntity>(range).Select(e => e.PartitionKey + "/" + e.RowKey).ToListAsync());
        }

        Assert.Equal(4, ranges.Count);
        Assert.Equal(8, many.Count);
        Assert.Equal(partitions.SelectMany(p => new[] { p + "/i|one", p + "/i|two" }).Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }
}
