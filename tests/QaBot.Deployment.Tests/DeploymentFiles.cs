using QaBot.Testing;

namespace QaBot.Deployment.Tests;

/// <summary>Where the deployment files live in the repository.</summary>
internal static class DeploymentFiles
{
    public static string ManifestFolder => RepositoryRoot.Combine("manifest");

    public static string Manifest => RepositoryRoot.Combine("manifest", "manifest.json");

    public static string ColourIcon => RepositoryRoot.Combine("manifest", "color.png");

    public static string OutlineIcon => RepositoryRoot.Combine("manifest", "outline.png");

    public static string EnvFile(string environment) => RepositoryRoot.Combine("manifest", "env", $".env.{environment}");

    public static string ExampleEnvFile => RepositoryRoot.Combine("tests", "QaBot.Deployment.Tests", "TestData", "example.env");

    public static string ManifestSchema => RepositoryRoot.Combine(
        "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams", "v1.30", "MicrosoftTeams.schema.json");

    public static string InfraFolder => RepositoryRoot.Combine("infra");

    public static string MainTemplate => RepositoryRoot.Combine("infra", "main.bicep");

    public static string MainParameters => RepositoryRoot.Combine("infra", "main.bicepparam");

    public static string ToolkitParameters => RepositoryRoot.Combine("infra", "azure.parameters.json");

    public static string BicepConfig => RepositoryRoot.Combine("infra", "bicepconfig.json");
}
