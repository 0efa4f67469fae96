using Azure.Core;
using Azure.Data.Tables;

namespace QaBot.Testing.Storage;

/// <summary>A table service client for the test Azurite with an <see cref="EntityCounter"/> in its pipeline, and a fresh table prefix.</summary>
public sealed class TestStorage
{
    public TestStorage()
    {
        Counter = new EntityCounter();
        var options = new TableClientOptions();
        options.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        Service = new TableServiceClient(Azurite.Instance.ConnectionString, options);
        Prefix = Azurite.UniqueName("t");
    }

    public EntityCounter Counter { get; }

    public TableServiceClient Service { get; }

    public string Prefix { get; }
}
