using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace QaBot.Testing.Storage;

/// <summary>
/// A table service client for the test Azurite with an <see cref="EntityCounter"/> in its pipeline, and any other
/// policies given (a benchmark's timings), and a fresh table prefix.
/// </summary>
public sealed class TestStorage
{
    public TestStorage(params HttpPipelinePolicy[] policies)
    {
        Counter = new EntityCounter();
        var options = new TableClientOptions();
        options.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        Service = new TableServiceClient(Azurite.Instance.ConnectionString, options);
        Prefix = Azurite.UniqueName("t");
    }

    public EntityCounter Counter { get; }

    public TableServiceClient Service { get; }

    public string Prefix { get; }
}
