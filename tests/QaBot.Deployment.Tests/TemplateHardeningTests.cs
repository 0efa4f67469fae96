using System.Text.Json.Nodes;
using QaBot.Deployment.Tests.Tools;

namespace QaBot.Deployment.Tests;

/// <summary>
/// What infra/main.bicep closes and records, checked on the resources the Bicep CLI predicts for a deployment: the
/// bot's channels, Application Insights' authentication, resource logs, network isolation when it is chosen, and the
/// Functions app's hosting (the shared plan, or Flex Consumption with the shared rate budget).
/// </summary>
[Trait("Category", "Process")]
public sealed class TemplateHardeningTests
{
    private static readonly Dictionary<string, string?> Defaults = [];

    [Fact]
    public async Task AzureBot_WebChatAndDirectLine_HaveTheirOnlySiteSwitchedOff()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(Defaults);
        var channels = snapshot.OfType("Microsoft.BotService/botServices/channels")
            .ToDictionary(c => (string)c["properties"]!["channelName"]!, c => c["properties"]!["properties"]!);

        Assert.Equal(["DirectLineChannel", "MsTeamsChannel", "WebChatChannel"], channels.Keys.Order());
        Assert.True((bool?)channels["MsTeamsChannel"]["isEnabled"]);
        foreach (var name in new[] { "WebChatChannel", "DirectLineChannel" })
        {
            var site = Assert.Single(channels[name]["sites"]!.AsArray())!;
            Assert.Equal("Default Site", (string?)site["siteName"]);
            Assert.False((bool?)site["isEnabled"], name);
        }

        var directLine = channels["DirectLineChannel"]["sites"]![0]!;
        Assert.False((bool?)directLine["isV1Enabled"]);
        Assert.False((bool?)directLine["isV3Enabled"]);
    }

    [Fact]
    public async Task ApplicationInsights_LocalAuthentication_IsOff()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(Defaults);

        Assert.True((bool?)snapshot.Only("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]);
    }

    [Fact]
    public async Task ApplicationInsights_BothAppIdentitiesPublishWithEntraAuthentication()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(Defaults);
        var appInsights = (string)snapshot.Only("Microsoft.Insights/components")["id"]!;
        var publishers = snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => ((string?)a["properties"]!["roleDefinitionId"])!.EndsWith("3913510d-42f4-4e42-8a64-420c390055eb", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Equal(2, publishers.Count);
        Assert.All(publishers, a => Assert.StartsWith(appInsights + "/providers/Microsoft.Authorization/roleAssignments/", (string)a["id"]!, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, publishers.Select(a => (string?)a["properties"]!["principalId"]).Distinct().Count());
    }

    [Fact]
    public async Task DiagnosticSettings_SendEveryLogOfStorageKeyVaultAndBothAppsToTheWorkspace()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(Defaults);
        var workspace = (string)snapshot.Only("Microsoft.OperationalInsights/workspaces")["id"]!;
        var settings = snapshot.OfType("Microsoft.Insights/diagnosticSettings").ToList();

        string ScopeOf(JsonNode setting)
        {
            var id = (string)setting["id"]!;
            return id[..id.IndexOf("/providers/Microsoft.Insights/", StringComparison.Ordinal)];
        }

        var expected = new[]
        {
            (string)snapshot.Only("Microsoft.Storage/storageAccounts/tableServices")["id"]!,
            (string)snapshot.Only("Microsoft.Storage/storageAccounts/queueServices")["id"]!,
            (string)snapshot.Only("Microsoft.Storage/storageAccounts/blobServices")["id"]!,
            (string)snapshot.Only("Microsoft.KeyVault/vaults")["id"]!,
            (string)snapshot.Site("app-")["id"]!,
            (string)snapshot.Site("func-")["id"]!,
        };
        Assert.Equal(expected.Order(), settings.Select(ScopeOf).Order());
        Assert.All(settings, setting =>
        {
            Assert.Equal(workspace, (string?)setting["properties"]!["workspaceId"]);
            var logs = Assert.Single(setting["properties"]!["logs"]!.AsArray())!;
            Assert.Equal("allLogs", (string?)logs["categoryGroup"]);
            Assert.True((bool?)logs["enabled"]);
        });
    }

    [Fact]
    public async Task NetworkIsolation_ByDefault_IsOffAndAddsNoNetwork()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(Defaults);

        Assert.Empty(snapshot.OfType("Microsoft.Network/virtualNetworks"));
        Assert.Equal("Allow", (string?)snapshot.Only("Microsoft.Storage/storageAccounts")["properties"]!["networkAcls"]!["defaultAction"]);
        Assert.Equal("Allow", (string?)snapshot.Only("Microsoft.KeyVault/vaults")["properties"]!["networkAcls"]!["defaultAction"]);
        Assert.Null(snapshot.Site("app-")["properties"]!["virtualNetworkSubnetId"]);
    }

    [Fact]
    public async Task NetworkIsolation_On_LetsStorageAndKeyVaultReachOnlyTheAppsSubnetAndTheListedRanges()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(new Dictionary<string, string?>
        {
            ["NETWORK_ISOLATION"] = "true",
            ["NETWORK_ISOLATION_ALLOWED_IP_RANGES"] = "203.0.113.0/24, 198.51.100.7",
        });
        var network = snapshot.Only("Microsoft.Network/virtualNetworks");
        var subnet = Assert.Single(network["properties"]!["subnets"]!.AsArray())!;
        var subnetId = $"{(string)network["id"]!}/subnets/{(string)subnet["name"]!}";

        Assert.Equal(
            ["Microsoft.KeyVault", "Microsoft.Storage"],
            subnet["properties"]!["serviceEndpoints"]!.AsArray().Select(e => (string)e!["service"]!).Order());
        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults" })
        {
            var rules = snapshot.Only(type)["properties"]!["networkAcls"]!;
            Assert.Equal("Deny", (string?)rules["defaultAction"]);
            Assert.Equal([subnetId], rules["virtualNetworkRules"]!.AsArray().Select(r => (string)r!["id"]!));
            Assert.Equal(["198.51.100.7", "203.0.113.0/24"], rules["ipRules"]!.AsArray().Select(r => (string)r!["value"]!).Order());
        }

        foreach (var prefix in new[] { "app-", "func-" })
        {
            var site = snapshot.Site(prefix)["properties"]!;
            Assert.Equal(subnetId, (string?)site["virtualNetworkSubnetId"]);
            Assert.True((bool?)site["siteConfig"]!["vnetRouteAllEnabled"]);
        }
    }

    [Fact]
    public async Task FunctionsHosting_ByDefault_SharesTheBotsPlanWithOneAlwaysOnSender()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(Defaults);
        var plan = snapshot.Only("Microsoft.Web/serverfarms");
        var functions = snapshot.Site("func-")["properties"]!;

        Assert.Equal((string)plan["id"]!, (string?)functions["serverFarmId"]);
        Assert.Null(functions["functionAppConfig"]);
        Assert.True((bool?)functions["siteConfig"]!["alwaysOn"]);
        Assert.Equal("Disabled", (string?)functions["siteConfig"]!["ftpsState"]);
        Assert.DoesNotContain("Reminders__SharedRateBudget", snapshot.AppSettings("func-").Keys);
        Assert.Single(snapshot.Only("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray());
    }

    [Fact]
    public async Task FunctionsHosting_FlexConsumption_ScalesOutOnAPlanOfItsOwnWithTheSharedRateBudget()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(new Dictionary<string, string?>
        {
            ["FUNCTIONS_HOSTING"] = "flexConsumption",
            ["FUNCTIONS_MAXIMUM_INSTANCES"] = "6",
        });
        var plans = snapshot.OfType("Microsoft.Web/serverfarms").ToList();
        var flex = Assert.Single(plans, p => (string?)p["sku"]!["tier"] == "FlexConsumption");
        var shared = Assert.Single(plans, p => p != flex);
        var functions = snapshot.Site("func-")["properties"]!;
        var config = functions["functionAppConfig"]!;
        var identity = Assert.Single(snapshot.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"), i => ((string)i["name"]!).EndsWith("-functions", StringComparison.Ordinal));

        Assert.Equal("FC1", (string?)flex["sku"]!["name"]);
        Assert.Equal((string)flex["id"]!, (string?)functions["serverFarmId"]);
        Assert.Equal((string)shared["id"]!, (string?)snapshot.Site("app-")["properties"]!["serverFarmId"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal(6, (int?)config["scaleAndConcurrency"]!["maximumInstanceCount"]);

        // The package is read from a private container with the Functions app's own identity: no storage key anywhere.
        var storage = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.EndsWith("'functions-package')]", (string?)storage["value"], StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal((string)identity["id"]!, (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => ((string)c["name"]!).EndsWith("/functions-package", StringComparison.Ordinal));

        // Each deployment overwrites the package; the versions it replaces are kept as long as backups, then deleted.
        var packages = Assert.Single(snapshot.Only("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray(), r => (string?)r!["name"] == "expire-old-function-packages")!;
        Assert.Equal("functions-package/", (string?)packages["definition"]!["filters"]!["prefixMatch"]![0]);
        Assert.Equal(35, (int?)packages["definition"]!["actions"]!["version"]!["delete"]!["daysAfterCreationGreaterThan"]);

        // Flex Consumption refuses the settings that name the runtime, and several senders must share Teams' rate.
        var settings = snapshot.AppSettings("func-").Keys;
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings);
        Assert.Contains("Reminders__SharedRateBudget", settings);

        // Nor does it take a dedicated plan's site settings, even set to null.
        var siteConfig = functions["siteConfig"]!.AsObject();
        Assert.All(new[] { "linuxFxVersion", "alwaysOn", "ftpsState", "vnetRouteAllEnabled" }, key => Assert.False(siteConfig.ContainsKey(key), key));
    }

    [Fact]
    public async Task FunctionsHosting_FlexConsumptionWithNetworkIsolation_JoinsASubnetOfItsOwnThatStorageAndKeyVaultAccept()
    {
        var snapshot = await TemplateSnapshot.PredictAsync(new Dictionary<string, string?>
        {
            ["FUNCTIONS_HOSTING"] = "flexConsumption",
            ["NETWORK_ISOLATION"] = "true",
        });
        var network = snapshot.Only("Microsoft.Network/virtualNetworks");
        var subnets = network["properties"]!["subnets"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => s!);
        string Id(string name) => $"{(string)network["id"]!}/subnets/{name}";

        Assert.Equal("Microsoft.Web/serverFarms", (string?)subnets["apps"]["properties"]!["delegations"]![0]!["properties"]!["serviceName"]);
        Assert.Equal("Microsoft.App/environments", (string?)subnets["functions"]["properties"]!["delegations"]![0]!["properties"]!["serviceName"]);
        Assert.Equal(Id("functions"), (string?)snapshot.Site("func-")["properties"]!["virtualNetworkSubnetId"]);
        Assert.Equal(Id("apps"), (string?)snapshot.Site("app-")["properties"]!["virtualNetworkSubnetId"]);
        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults" })
        {
            var rules = snapshot.Only(type)["properties"]!["networkAcls"]!["virtualNetworkRules"]!.AsArray();
            Assert.Equal([Id("apps"), Id("functions")], rules.Select(r => (string)r!["id"]!).Order(StringComparer.Ordinal));
        }
    }
}
