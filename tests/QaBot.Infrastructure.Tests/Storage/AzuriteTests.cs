using Azure.Data.Tables;
using Azure.Storage.Queues;
using QaBot.Testing;

namespace QaBot.Infrastructure.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class AzuriteTests
{
    [Fact]
    public async Task Azurite_TableAndQueue_RoundTripAnEntityAndAMessage()
    {
        var connection = Azurite.Instance.ConnectionString;

        var table = new TableClient(connection, Azurite.UniqueName("smoke"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        var entity = await table.GetEntityAsync<TableEntity>("p", "r");
        Assert.Equal(42, entity.Value.GetInt32("Value"));

        var queue = new QueueClient(connection, Azurite.UniqueName("smoke"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");
        var received = await queue.ReceiveMessageAsync();
        Assert.Equal("hello", received.Value.MessageText);
    }
}
