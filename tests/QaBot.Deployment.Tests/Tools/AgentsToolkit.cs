using QaBot.Testing;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>
/// The Microsoft 365 Agents Toolkit CLI (atk), pinned in manifest/tools/package.json and installed there by ./test,
/// kept out of the root package.json because it is large and only the deployment checks need it.
/// </summary>
internal static class AgentsToolkit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ToolsFolder => RepositoryRoot.Combine("manifest", "tools");

    /// <summary>atk's schema for m365agents*.yml, as shipped with the pinned CLI.</summary>
    public static string ProjectFileSchema(string version) => Path.Combine(
        CliPackage, "resource", "yaml-schema", version, "yaml.schema.json");

    private static string CliPackage => Path.Combine(ToolsFolder, "node_modules", "@microsoft", "m365agentstoolkit-cli");

    public static Task<ProcessResult> ValidateManifestAsync(string manifestFile, string envFile) => RunAsync(
        ["validate", "--manifest-file", manifestFile, "--env-file", envFile]);

    /// <summary>Validates with an environment's file, found through m365agents.yml's environmentFolderPath.</summary>
    public static Task<ProcessResult> ValidateManifestForEnvironmentAsync(string manifestFile, string environment) => RunAsync(
        ["validate", "--manifest-file", manifestFile, "--env", environment]);

    public static Task<ProcessResult> PackageAsync(string manifestFile, string envFile, string zipFile, string outputFolder) => RunAsync(
        ["package", "--manifest-file", manifestFile, "--env-file", envFile, "--output-package-file", zipFile, "--output-folder", outputFolder]);

    private static Task<ProcessResult> RunAsync(string[] arguments)
    {
        var cli = Path.Combine(CliPackage, "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException(
                "The Agents Toolkit CLI is not installed. ./test installs it; by hand: npm ci --prefix manifest/tools "
                + "(on Debian, apt-get install libsecret-1-dev first).");
        }

        // The toolkit reads m365agents.yml from the project folder: the repository root.
        return ProcessRunner.RunAsync(
            "node",
            [cli, .. arguments, "--telemetry", "false", "--interactive", "false"],
            RepositoryRoot.Path,
            Timeout,
            new Dictionary<string, string?> { ["TEAMSFX_TELEMETRY_DISABLED"] = "true", ["NO_COLOR"] = "1" });
    }
}
