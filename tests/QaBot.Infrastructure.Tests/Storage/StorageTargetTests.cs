using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Tests.Storage;

[Trait("Category", "Fast")]
public sealed class StorageTargetTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true", "devstoreaccount1")]
    [InlineData("usedevelopmentstorage=TRUE;", "devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;", "devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=local;AccountKey=a2V5;TableEndpoint=http://localhost:10002/local;QueueEndpoint=http://[::1]:10001/local;", "local")]
    public void Describe_EmulatorConnectionStrings_AreTheEmulator(string connectionString, string account)
    {
        var target = StorageTarget.Describe(new StorageOptions { ConnectionString = connectionString });

        Assert.True(target.IsEmulator);
        Assert.Equal(account, target.Account);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=stcouncil;AccountKey=a2V5;EndpointSuffix=core.windows.net", "stcouncil")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=https://stcouncil.queue.core.windows.net/", "devstoreaccount1")]
    [InlineData("TableEndpoint=https://stcouncil.table.core.windows.net/;QueueEndpoint=https://stcouncil.queue.core.windows.net/;SharedAccessSignature=sv=1", "stcouncil")]
    [InlineData("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://storage.example.net", "devstoreaccount1")]
    public void Describe_AnyEndpointOffThisMachine_IsNotTheEmulator(string connectionString, string account)
    {
        var target = StorageTarget.Describe(new StorageOptions { ConnectionString = connectionString });

        Assert.False(target.IsEmulator);
        Assert.Equal(account, target.Account);
    }

    [Fact]
    public void Describe_ManagedIdentityEndpoints_AreTheAccountTheyName()
    {
        var target = StorageTarget.Describe(new StorageOptions
        {
            TableServiceUri = new Uri("https://stqabotx1y2.table.core.windows.net/"),
            QueueServiceUri = new Uri("https://stqabotx1y2.queue.core.windows.net/"),
        });

        Assert.False(target.IsEmulator);
        Assert.Equal("stqabotx1y2", target.Account);
        Assert.Contains("stqabotx1y2.table.core.windows.net", target.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_LoopbackServiceUris_AreTheEmulator()
    {
        var target = StorageTarget.Describe(new StorageOptions
        {
            TableServiceUri = new Uri("http://127.0.0.1:10002/devstoreaccount1"),
            QueueServiceUri = new Uri("http://127.0.0.1:10001/devstoreaccount1"),
        });

        Assert.True(target.IsEmulator);
        Assert.Equal("devstoreaccount1", target.Account);
    }
}
