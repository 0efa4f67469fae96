using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QaBot.Deployment.Tests.Tools;

namespace QaBot.Deployment.Tests;

/// <summary>What infra/main.bicep deploys, checked on the compiled ARM template.</summary>
[Trait("Category", "Process")]
public sealed partial class InfrastructureTemplateTests(CompiledTemplateFixture compiled) : IClassFixture<CompiledTemplateFixture>
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] SettingsBothAppsRead =
    [
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "AZURE_CLIENT_ID", "Storage__TableServiceUri", "Storage__QueueServiceUri",
        "Bot__AppId", "Bot__TenantId", "Bot__Credential", "Bot__AllowedTenants__0", "Bot__ManagedIdentityClientId", "Bot__ClientSecret",
        "Graph__TenantId", "Graph__ClientId", "Graph__ClientSecret", "Graph__TeamsAppCatalogId",
    ];

    private static readonly string[] SettingsOnlyTheFunctionsAppReads =
    [
        "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "Reminders__Schedule",
        "Backup__Schedule", "Backup__Container", "Backup__BlobServiceUri", "Retention__Schedule",
    ];

    [Fact]
    public void Location_DefaultsToUkSouth()
    {
        Assert.Equal("uksouth", (string?)compiled.Template["parameters"]!["location"]!["defaultValue"]);
    }

    [Fact]
    public void AppRegistration_IsARequiredParameter()
    {
        var parameter = compiled.Template["parameters"]!["appRegistrationClientId"]!;

        Assert.Null(parameter["defaultValue"]);
        Assert.Equal(36, (int?)parameter["minLength"]);
    }

    [Fact]
    public void Storage_AllowsNoSharedKeysNoPublicBlobsAndOnlyTls12()
    {
        var properties = compiled.OnlyResource("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool?)properties["allowSharedKeyAccess"]);
        Assert.False((bool?)properties["allowBlobPublicAccess"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.DoesNotContain("listKeys", compiled.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_CreatesTheRemindersQueueAndItsPoisonQueue()
    {
        var names = compiled.Resources("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => (string)q["name"]!).ToList();

        Assert.Contains(names, n => n.Contains("variables('remindersQueueName')", StringComparison.Ordinal) && !n.Contains("poison", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("-poison", StringComparison.Ordinal));
        Assert.Equal("reminders", (string?)compiled.Template["variables"]!["remindersQueueName"]);
    }

    [Fact]
    public async Task Storage_KeepsBackupsInAVersionedContainerWithSoftDeleteAndExpiry()
    {
        var blobs = compiled.OnlyResource("Microsoft.Storage/storageAccounts/blobServices")["properties"]!;
        var container = Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"), c => ((string)c["name"]!).Contains("backupContainerName", StringComparison.Ordinal));

        // The rules depend on the hosting chosen: read from the deployment Azure would be asked for with the defaults.
        var snapshot = await TemplateSnapshot.PredictAsync(new Dictionary<string, string?>());
        var rule = snapshot.Only("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]![0]!;

        Assert.True((bool?)blobs["isVersioningEnabled"]);
        Assert.True((bool?)blobs["deleteRetentionPolicy"]!["enabled"]);
        Assert.True((bool?)blobs["containerDeleteRetentionPolicy"]!["enabled"]);
        Assert.Equal("[parameters('backupRetentionDays')]", (string?)blobs["deleteRetentionPolicy"]!["days"]);
        Assert.Equal(35, (int?)compiled.Template["parameters"]!["backupRetentionDays"]!["defaultValue"]);
        Assert.Contains("backupContainerName", (string?)container["name"], StringComparison.Ordinal);
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
        Assert.Equal("qabot-backups", (string?)compiled.Template["variables"]!["backupContainerName"]);
        Assert.Equal("qabot-backups/", (string?)rule["definition"]!["filters"]!["prefixMatch"]![0]);
        Assert.Equal(35, (int?)rule["definition"]!["actions"]!["version"]!["delete"]!["daysAfterCreationGreaterThan"]);
        Assert.Equal("0 30 1 * * *", (string?)compiled.Template["parameters"]!["backupSchedule"]!["defaultValue"]);
    }

    [Fact]
    public void KeyVault_UsesRbacWithSoftDeleteAndPurgeProtection()
    {
        var properties = compiled.OnlyResource("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool?)properties["enableRbacAuthorization"]);
        Assert.True((bool?)properties["enableSoftDelete"]);
        Assert.True((bool?)properties["enablePurgeProtection"]);
    }

    [Fact]
    public void RoleAssignments_GrantOnlyTheDataRolesTheAppsNeed()
    {
        var allowed = new[]
        {
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (Functions host: timer locks, keys)
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", // Key Vault Secrets Officer (the council's IT group)
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher (App Insights, Entra authentication)
        };
        var roles = compiled.Template["variables"]!["roles"]!.AsObject().Select(r => (string)r.Value!).ToList();

        Assert.Equal(allowed.Order(), roles.Order());
        Assert.Subset(allowed.ToHashSet(), Guid().Matches(compiled.Text).Select(m => m.Value).ToHashSet());
    }

    [Fact]
    public void BotApp_RunsDotnet10OnLinuxOverHttpsWithTheHealthProbe()
    {
        var bot = Site("app-");
        var config = bot["properties"]!["siteConfig"]!;

        Assert.Equal("app,linux", (string?)bot["kind"]);
        Assert.True((bool?)bot["properties"]!["httpsOnly"]);
        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.Equal("/healthz", (string?)config["healthCheckPath"]);
        Assert.Equal("Disabled", (string?)config["ftpsState"]);
        AssertSettings(bot, SettingsBothAppsRead.Append("ASPNETCORE_ENVIRONMENT"));
        AssertNoSettings(bot, SettingsOnlyTheFunctionsAppReads);
    }

    [Fact]
    public async Task FunctionsApp_RunsDotnet10IsolatedWithIdentityBasedHostStorage()
    {
        // The runtime settings depend on the hosting chosen, so they are read from the deployment Azure would be asked
        // for with the defaults (the shared plan) rather than from the compiled expressions.
        var snapshot = await TemplateSnapshot.PredictAsync(new Dictionary<string, string?>());
        var functions = snapshot.Site("func-");
        var config = functions["properties"]!["siteConfig"]!;
        var settings = snapshot.AppSettings("func-");

        Assert.Equal("functionapp,linux", (string?)functions["kind"]);
        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)config["linuxFxVersion"]);
        Assert.True((bool?)config["alwaysOn"]);
        Assert.All(SettingsBothAppsRead.Where(n => n != "Bot__ClientSecret").Concat(SettingsOnlyTheFunctionsAppReads), name => Assert.Contains(name, settings.Keys));
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
    }

    [Fact]
    public void AzureBot_IsTeamsOnlyAndPointsAtTheBotsMessagesEndpoint()
    {
        var bot = compiled.OnlyResource("Microsoft.BotService/botServices");
        var channel = Assert.Single(
            compiled.Resources("Microsoft.BotService/botServices/channels"),
            c => (string?)c["properties"]!["channelName"] == "MsTeamsChannel");

        Assert.Equal("F0", (string?)bot["sku"]!["name"]);
        Assert.Equal("[parameters('botIdentityType')]", (string?)bot["properties"]!["msaAppType"]);
        Assert.True((bool?)channel["properties"]!["properties"]!["isEnabled"]);
        Assert.Matches(@"^\[format\('https://\{0\}/api/messages', reference\(resourceId\('Microsoft\.Web/sites', format\('app-", (string?)bot["properties"]!["endpoint"]);
        Assert.Equal(
            ["SingleTenant", "UserAssignedMSI"],
            compiled.Template["parameters"]!["botIdentityType"]!["allowedValues"]!.AsArray().Select(v => (string)v!).Order());
    }

    [Fact]
    public void Outputs_AreTheNamesTheToolkitWritesToTheEnvironmentFile()
    {
        var outputs = compiled.Template["outputs"]!.AsObject().Select(o => o.Key).ToList();

        Assert.Contains("BOT_ID", outputs);
        Assert.Contains("BOT_DOMAIN", outputs);
        Assert.Contains("BOT_AZURE_APP_SERVICE_RESOURCE_ID", outputs);
        Assert.Contains("FUNCTIONS_AZURE_RESOURCE_ID", outputs);
    }

    private JsonNode Site(string prefix) => Assert.Single(
        compiled.Resources("Microsoft.Web/sites"),
        site => ((string)site["name"]!).StartsWith($"[format('{prefix}", StringComparison.Ordinal));

    private static string Settings(JsonNode site)
    {
        // The settings compile to one ARM expression.
        return site["properties"]!["siteConfig"]!["appSettings"]!.ToJsonString(Unescaped);
    }

    private void AssertSettings(JsonNode site, IEnumerable<string> names)
    {
        var settings = Settings(site);
        Assert.All(names, name => Assert.Contains($"'{name}'", settings, StringComparison.Ordinal));

        // One setting per organiser mailbox (Graph__OrganiserMailboxes__0, __1, ...), from a copy loop.
        Assert.Contains("variables('mailboxSettings')", settings, StringComparison.Ordinal);
        Assert.Contains("'Graph__OrganiserMailboxes__{0}'", compiled.Text, StringComparison.Ordinal);
    }

    private static void AssertNoSettings(JsonNode site, IEnumerable<string> names)
    {
        var settings = Settings(site);
        Assert.All(names, name => Assert.DoesNotContain($"'{name}'", settings, StringComparison.Ordinal));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
