using System.Text.Json.Nodes;
using QaBot.Deployment.Tests.Tools;

namespace QaBot.Deployment.Tests;

/// <summary>infra/main.bicep compiled once to its ARM JSON, for checks on what it would deploy.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    public JsonNode Template { get; private set; } = new JsonObject();

    public string Text { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var result = await BicepCompiler.BuildAsync(DeploymentFiles.MainTemplate);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe());
        }

        Text = result.Output;
        Template = JsonNode.Parse(Text)!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public IEnumerable<JsonNode> Resources(string type)
    {
        // Bicep emits resources as an object keyed by symbolic name when it uses language version 2, else an array.
        var resources = Template["resources"]!;
        var all = resources is JsonObject map ? map.Select(pair => pair.Value!) : resources.AsArray().OfType<JsonNode>();
        return all.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));
    }

    public JsonNode OnlyResource(string type) => Assert.Single(Resources(type));
}
