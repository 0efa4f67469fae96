using Microsoft.Extensions.Configuration;

namespace QaBot.Composition;

/// <summary>
/// Builds configuration the same way for every QaBot process that is not hosted by ASP.NET Core or Functions
/// (the CLI, benchmarks): appsettings.json and appsettings.{Environment}.json beside the program, then
/// environment variables (<c>Section__Key</c>), then any in-memory overrides (tests).
/// </summary>
public static class QaBotConfiguration
{
    public const string EnvironmentVariable = "QABOT_ENVIRONMENT";

    public static IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var environment = Environment.GetEnvironmentVariable(EnvironmentVariable)
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production";

        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables();

        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }
}
