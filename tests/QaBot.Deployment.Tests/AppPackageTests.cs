using System.Text.Json.Nodes;
using QaBot.Deployment.Tests.Tools;

namespace QaBot.Deployment.Tests;

[Trait("Category", "Process")]
public sealed class AppPackageTests(AppPackageFixture package) : IClassFixture<AppPackageFixture>
{
    [Fact]
    public void Package_BuiltByToolkit_HoldsTheManifestAndBothIcons()
    {
        Assert.True(package.PackageResult!.Succeeded, package.PackageResult.Describe());

        Assert.Equal(["color.png", "manifest.json", "outline.png"], package.Entries());
    }

    [Fact]
    public async Task Package_Manifest_HasNoPlaceholdersAndPassesOfficialSchema()
    {
        Assert.True(package.PackageResult!.Succeeded, package.PackageResult.Describe());
        var manifest = Path.Combine(package.ExtractedFolder, "manifest.json");

        Assert.Empty(Placeholders.Find(File.ReadAllText(manifest)));
        var result = await JsonSchemaValidator.ValidateAsync(DeploymentFiles.ManifestSchema, manifest);
        Assert.True(result.Succeeded, result.Describe());
    }

    [Fact]
    public void Package_Manifest_CarriesTheEnvironmentsValues()
    {
        Assert.True(package.PackageResult!.Succeeded, package.PackageResult.Describe());
        var example = EnvFile.Read(DeploymentFiles.ExampleEnvFile);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(package.ExtractedFolder, "manifest.json")))!;

        Assert.Equal(example["TEAMS_APP_ID"], (string?)manifest["id"]);
        Assert.Equal(example["BOT_ID"], (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(example["COUNCIL_NAME"], (string?)manifest["developer"]!["name"]);
        Assert.Equal("QaBot", (string?)manifest["name"]!["short"]);
    }

    [Fact]
    public void Package_Icons_HaveTheRequiredSizesAndOutlineIsWhiteOnTransparent()
    {
        Assert.True(package.PackageResult!.Succeeded, package.PackageResult.Describe());

        using var colour = IconImage.Read(Path.Combine(package.ExtractedFolder, "color.png"));
        using var outline = IconImage.Read(Path.Combine(package.ExtractedFolder, "outline.png"));
        Assert.Empty(IconRules.CheckColour(colour, "color.png in the package"));
        Assert.Empty(IconRules.CheckOutline(outline, "outline.png in the package"));
    }
}
