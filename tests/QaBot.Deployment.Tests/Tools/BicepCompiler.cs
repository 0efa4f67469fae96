using System.Reflection;
using QaBot.Testing;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>
/// The Bicep compiler from the NuGet package Azure.Bicep.CommandLine.linux-x64 (downloaded by this project's
/// PackageDownload). QABOT_BICEP overrides the path, e.g. on a machine that is not linux-x64.
/// </summary>
internal static class BicepCompiler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> Executable = new(Locate);

    public static Task<ProcessResult> BuildAsync(string bicepFile) =>
        RunAsync(["build", bicepFile, "--stdout"], Path.GetDirectoryName(bicepFile)!);

    public static Task<ProcessResult> LintAsync(string bicepFile) =>
        RunAsync(["lint", bicepFile], Path.GetDirectoryName(bicepFile)!);

    public static Task<ProcessResult> BuildParamsAsync(string bicepParamFile, IReadOnlyDictionary<string, string?> environment) =>
        RunAsync(["build-params", bicepParamFile, "--stdout"], Path.GetDirectoryName(bicepParamFile)!, environment);

    /// <summary>
    /// Evaluates a parameters file and its template as Azure would for the given subscription, resource group and
    /// tenant, writing <c>{name}.snapshot.json</c> beside the parameters file. Values only Azure knows (a created
    /// identity's client id, an account's endpoints) stay as <c>[reference(...)]</c> expressions.
    /// </summary>
    public static Task<ProcessResult> SnapshotAsync(string bicepParamFile, DeploymentScope scope, IReadOnlyDictionary<string, string?> environment) =>
        RunAsync(
            [
                "snapshot", bicepParamFile, "--mode", "overwrite",
                "--subscription-id", scope.SubscriptionId, "--resource-group", scope.ResourceGroup,
                "--tenant-id", scope.TenantId, "--location", scope.Location,
            ],
            Path.GetDirectoryName(bicepParamFile)!,
            environment);

    private static Task<ProcessResult> RunAsync(string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            // No telemetry, and no attempt to reach the internet from a test.
            ["BICEP_TELEMETRY_ENABLED"] = "false",
        };
        return ProcessRunner.RunAsync(Executable.Value, arguments, workingDirectory, Timeout, variables);
    }

    private static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("QABOT_BICEP");
        if (string.IsNullOrEmpty(path))
        {
            path = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BicepPath").Value;
        }

        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep compiler is not at '{path}'. It comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 "
                + $"(restore {Path.Combine("tests", "QaBot.Deployment.Tests")}), or set QABOT_BICEP to a bicep executable.");
        }

        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not always keep the executable bit when it extracts a package.
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }

        _ = RepositoryRoot.Path;
        return path;
    }
}

/// <summary>Where a snapshot pretends to deploy.</summary>
internal sealed record DeploymentScope(string SubscriptionId, string ResourceGroup, string TenantId, string Location);
