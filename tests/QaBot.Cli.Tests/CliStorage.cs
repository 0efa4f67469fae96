using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QaBot.Testing;

namespace QaBot.Cli.Tests;

/// <summary>Runs <c>qabot</c> in-process against fresh tables in the test Azurite, with the clock at a fixed time.</summary>
public sealed class CliStorage
{
    public CliStorage(DateTimeOffset? now = null)
    {
        Prefix = Azurite.UniqueName("c");
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
    }

    public string Prefix { get; }

    public FakeTimeProvider Time { get; }

    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Storage:ConnectionString", Azurite.Instance.ConnectionString),
        new("Storage:TablePrefix", Prefix),
    ];

    public Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunWithAsync([], args);

    /// <summary>Runs with more settings on top of the storage ones.</summary>
    public async Task<(int Exit, string Output, string Error)> RunWithAsync(IEnumerable<KeyValuePair<string, string?>> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, [.. Settings, .. settings], services => services.AddSingleton<TimeProvider>(Time));
        return (exit, output.ToString(), error.ToString());
    }

    public async Task DeleteTablesAsync()
    {
        var service = new TableServiceClient(Azurite.Instance.ConnectionString);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(Prefix) >= 0 && t.Name.CompareTo(Prefix + "~") < 0))
        {
            await service.DeleteTableAsync(table.Name);
        }
    }
}
