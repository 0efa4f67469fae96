using QaBot.Cli.Commands;
using QaBot.Infrastructure.Storage;

namespace QaBot.Cli.Tests.Demo;

/// <summary><c>qabot demo seed</c> against storage that is not the emulator: refused before anything is read or written.</summary>
[Trait("Category", "Fast")]
public sealed class DemoSeedGuardTests
{
    private static readonly KeyValuePair<string, string?>[] CouncilAccount =
    [
        new("Storage:TableServiceUri", "https://stcouncil.table.core.windows.net/"),
        new("Storage:QueueServiceUri", "https://stcouncil.queue.core.windows.net/"),
    ];

    private static readonly KeyValuePair<string, string?>[] CouncilConnectionString =
    [
        new("Storage:ConnectionString", "DefaultEndpointsProtocol=https;AccountName=stcouncil;AccountKey=a2V5;EndpointSuffix=core.windows.net"),
    ];

    public static TheoryData<string> Settings => new() { nameof(CouncilAccount), nameof(CouncilConnectionString) };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Seed_LiveAccountWithoutTheFlag_RefusesNamingTheAccountAndTheWayOut(string settings)
    {
        var (exit, output, error) = await RunAsync(settings == nameof(CouncilAccount) ? CouncilAccount : CouncilConnectionString, "demo", "seed");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("not the local emulator", error, StringComparison.Ordinal);
        Assert.Contains("'stcouncil'", error, StringComparison.Ordinal);
        Assert.Contains("--allow-non-emulator --confirm-account stcouncil", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_FlagWithoutTheAccountTypedBack_Refuses()
    {
        var (exit, _, error) = await RunAsync(CouncilAccount, "demo", "seed", "--allow-non-emulator");

        Assert.Equal(1, exit);
        Assert.Contains("--confirm-account", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_FlagWithAnotherAccountTypedBack_RefusesNamingBoth()
    {
        var (exit, _, error) = await RunAsync(CouncilAccount, "demo", "seed", "--allow-non-emulator", "--confirm-account", "deploy");

        Assert.Equal(1, exit);
        Assert.Contains("'deploy' is not the configured storage account 'stcouncil'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalFor_FlagAndTheRightAccount_AllowsIt()
    {
        var council = new StorageTarget("stcouncil", IsEmulator: false, "stcouncil.table.core.windows.net");

        Assert.Null(DemoCommands.RefusalFor(council, allowNonEmulator: true, confirmAccount: "stcouncil"));
        Assert.NotNull(DemoCommands.RefusalFor(council, allowNonEmulator: true, confirmAccount: "STCOUNCIL"));
        Assert.Null(DemoCommands.RefusalFor(new StorageTarget("devstoreaccount1", IsEmulator: true, "the local emulator"), allowNonEmulator: false, confirmAccount: null));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IEnumerable<KeyValuePair<string, string?>> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, settings, _ => { });
        return (exit, output.ToString(), error.ToString());
    }
}
