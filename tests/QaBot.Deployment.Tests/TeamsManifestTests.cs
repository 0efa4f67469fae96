using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Deployment.Tests.Tools;
using QaBot.Testing;

namespace QaBot.Deployment.Tests;

public sealed class TeamsManifestTests
{
    private static readonly string[] CommandsTheBotUnderstands =
        ["my tasks", "what's overdue in my area", "how are we doing", "due this week", "log activity", "help", "how did we do last month", "what's overdue"];

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_SchemaVersion_Is130()
    {
        var manifest = ReadManifest();

        Assert.Equal("1.30", (string?)manifest["manifestVersion"]);
        Assert.Equal("https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task Manifest_FilledFromExampleEnvironment_PassesOfficialSchema()
    {
        using var folder = new TemporaryFolder();
        var filled = WriteFilledManifest(folder, File.ReadAllText(DeploymentFiles.Manifest));

        var result = await JsonSchemaValidator.ValidateAsync(DeploymentFiles.ManifestSchema, filled);

        Assert.True(result.Succeeded, result.Describe());
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task Manifest_WithBotIdNotAGuid_FailsOfficialSchema()
    {
        using var folder = new TemporaryFolder();
        var filled = WriteFilledManifest(folder, BreakBotId(File.ReadAllText(DeploymentFiles.Manifest)));

        var result = await JsonSchemaValidator.ValidateAsync(DeploymentFiles.ManifestSchema, filled);

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains("/bots/0/botId", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task Manifest_FilledFromExampleEnvironment_PassesToolkitValidation()
    {
        var result = await AgentsToolkit.ValidateManifestAsync(DeploymentFiles.Manifest, DeploymentFiles.ExampleEnvFile);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains("All passed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task Manifest_WithBotIdNotAGuid_FailsToolkitValidation()
    {
        using var folder = new TemporaryFolder();
        var broken = folder.Combine("manifest.json");
        File.WriteAllText(broken, BreakBotId(File.ReadAllText(DeploymentFiles.Manifest)));
        File.Copy(DeploymentFiles.ColourIcon, folder.Combine("color.png"));
        File.Copy(DeploymentFiles.OutlineIcon, folder.Combine("outline.png"));

        var result = await AgentsToolkit.ValidateManifestAsync(broken, DeploymentFiles.ExampleEnvFile);

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains("botId", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("local")]
    [Trait("Category", "Fast")]
    public void Manifest_Placeholders_AreDeclaredInEnvironmentFile(string environment)
    {
        var declared = EnvFile.Read(DeploymentFiles.EnvFile(environment));

        var undeclared = Placeholders.Find(File.ReadAllText(DeploymentFiles.Manifest)).Where(name => !declared.ContainsKey(name)).Order();

        Assert.Empty(undeclared);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void ExampleEnvironment_DeclaresEveryKeyOfTheDevEnvironment()
    {
        var example = EnvFile.Read(DeploymentFiles.ExampleEnvFile);

        var missing = EnvFile.Read(DeploymentFiles.EnvFile("dev")).Keys.Where(key => !example.ContainsKey(key)).Order();

        Assert.Empty(missing);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_Bot_IsPersonalAndTeamScopeNeverGroupChat()
    {
        var bot = ReadManifest()["bots"]![0]!;

        // Team: the monthly report is posted to channels. Group chats are left out: nothing is posted to them.
        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["personal", "team"], bot["commandLists"]!.AsArray().Select(list => (string?)Assert.Single(list!["scopes"]!.AsArray())));
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_Commands_AreTheOnesTheBotUnderstands()
    {
        Assert.Equal(CommandsTheBotUnderstands, TeamsAppManifest.Commands().Select(c => c.Title));
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_Commands_FitWhatTeamsShows()
    {
        // The schema allows 128 characters; Teams' command menu shows 32, and a menu of more than 10 is cut short
        // on older clients.
        var commands = TeamsAppManifest.Commands();

        Assert.InRange(commands.Count, 1, 10);
        Assert.All(commands, c => Assert.InRange(c.Title.Length, 1, 32));
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), $"'{c.Title}' has no description."));
        Assert.Equal(commands.Count, commands.Select(c => c.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_AccentColour_IsTheColourIconBackground()
    {
        var accent = (string?)ReadManifest()["accentColor"];
        using var icon = IconImage.Read(DeploymentFiles.ColourIcon);
        var corner = icon[0, 0];

        Assert.Equal(accent, $"#{corner.Red:X2}{corner.Green:X2}{corner.Blue:X2}");
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_DomainsAndIdentity_PointAtTheBotAndTheAppRegistration()
    {
        var manifest = ReadManifest();

        Assert.Equal(["${{BOT_DOMAIN}}"], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal("${{BOT_ID}}", (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("${{AAD_APP_CLIENT_ID}}", (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal("${{TEAMS_APP_ID}}", (string?)manifest["id"]);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_SingleSignOn_TheAppRegistrationsExposedApiOnTheBotsDomain()
    {
        // Teams asks Entra for a token for this resource (api://{domain}/{client id}, the registration's Application ID
        // URI); the bot accepts tokens whose audience is the same client id (Dashboard:ClientId, set from it by the template:
        // DeployedSettingsTests).
        var application = ReadManifest()["webApplicationInfo"]!;

        Assert.Equal("api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}", (string?)application["resource"]);
        Assert.Equal("${{AAD_APP_CLIENT_ID}}", (string?)application["id"]);
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_DashboardTab_APersonalTabOnTheBotsOwnPage()
    {
        var tab = Assert.Single(ReadManifest()["staticTabs"]!.AsArray())!;

        Assert.Equal("dashboard", (string?)tab["entityId"]);
        Assert.Equal("Dashboard", (string?)tab["name"]);
        Assert.Equal("https://${{BOT_DOMAIN}}" + QaBot.Bot.Dashboard.DashboardPage.Path + "/", (string?)tab["contentUrl"]);
        Assert.Equal(["personal"], tab["scopes"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    [Trait("Category", "Fast")]
    public void Manifest_ChannelDashboardTab_ConfiguredOnTheBotsOwnSetUpPage()
    {
        var tab = Assert.Single(ReadManifest()["configurableTabs"]!.AsArray())!;

        Assert.Equal("https://${{BOT_DOMAIN}}" + QaBot.Bot.Dashboard.DashboardPage.Path + "/config.html", (string?)tab["configurationUrl"]);
        Assert.True((bool?)tab["canUpdateConfiguration"]);
        Assert.Equal(["team"], tab["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["channelTab"], tab["context"]!.AsArray().Select(s => (string?)s));
    }

    internal static string WriteFilledManifest(TemporaryFolder folder, string template)
    {
        var filled = folder.Combine("manifest.filled.json");
        File.WriteAllText(filled, Placeholders.Fill(template, EnvFile.Read(DeploymentFiles.ExampleEnvFile), DeploymentFiles.Manifest));
        return filled;
    }

    private static string BreakBotId(string manifest)
    {
        var node = JsonNode.Parse(manifest)!;
        node["bots"]![0]!["botId"] = "qabot-bot";
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode ReadManifest() => JsonNode.Parse(File.ReadAllText(DeploymentFiles.Manifest))!;
}
