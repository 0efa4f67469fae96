using System.Text.Json.Nodes;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>
/// infra/main.bicepparam and its template evaluated by the Bicep CLI for a made-up subscription: the resources Azure
/// would be asked to create, with every value the template can know filled in.
/// </summary>
internal sealed class TemplateSnapshot
{
    public static readonly DeploymentScope Scope = new(
        "2f1e0d9c-8b7a-4c6d-9e8f-0a1b2c3d4e5f", "rg-qabot-test", "7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c5d", "uksouth");

    private TemplateSnapshot(JsonArray resources) => Resources = resources;

    public JsonArray Resources { get; }

    /// <summary>The snapshot with the council's environment file values given (AAD_APP_CLIENT_ID is filled in if absent).</summary>
    public static async Task<TemplateSnapshot> PredictAsync(IReadOnlyDictionary<string, string?> environment)
    {
        using var folder = new TemporaryFolder();
        foreach (var file in Directory.GetFiles(DeploymentFiles.InfraFolder))
        {
            File.Copy(file, folder.Combine(Path.GetFileName(file)));
        }

        var variables = new Dictionary<string, string?>(environment);
        variables.TryAdd("AAD_APP_CLIENT_ID", "3c2b1a09-8f7e-4d6c-a5b4-c3d2e1f0a9b8");
        var result = await BicepCompiler.SnapshotAsync(folder.Combine("main.bicepparam"), Scope, variables);
        Assert.True(result.Succeeded, result.Describe());

        var snapshot = JsonNode.Parse(File.ReadAllText(folder.Combine("main.snapshot.json")))!;
        return new TemplateSnapshot(snapshot["predictedResources"]!.AsArray());
    }

    public IEnumerable<JsonNode> OfType(string type) =>
        Resources.OfType<JsonNode>().Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonNode Only(string type) => Assert.Single(OfType(type));

    /// <summary>The App Service site whose name starts with <paramref name="prefix"/> (<c>app-</c> the bot, <c>func-</c> the Functions app).</summary>
    public JsonNode Site(string prefix) =>
        Assert.Single(OfType("Microsoft.Web/sites"), r => ((string)r["name"]!).StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The app settings of the site whose name starts with <paramref name="prefix"/>, by name, as the template writes them.</summary>
    public Dictionary<string, string?> AppSettings(string prefix) =>
        Site(prefix)["properties"]!["siteConfig"]!["appSettings"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string?)s!["value"], StringComparer.Ordinal);
}
