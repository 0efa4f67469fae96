using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Bot;
using QaBot.Composition;
using QaBot.Conversations;
using QaBot.BotFramework;
using QaBot.Deployment.Tests.Tools;
using QaBot.Functions;
using QaBot.Infrastructure.Graph;
using QaBot.Infrastructure.Storage;
using QaBot.Testing;

namespace QaBot.Deployment.Tests;

/// <summary>
/// The app settings infra/main.bicep gives the bot and the Functions app, evaluated by the Bicep CLI for a made-up
/// subscription (placeholders stand in for what only Azure knows: identities' client ids, endpoints, Key Vault
/// secrets), run through each host's own start-up validation. A setting the template forgets or misspells fails
/// here rather than in a council's first deployment.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class DeployedSettingsTests
{
    private const string PlaceholderSecret = "placeholder-secret-from-key-vault";

    // Read by App Service, the Functions host or the Azure SDK rather than bound to QaBot's options.
    private static readonly HashSet<string> PlatformSettings =
    [
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "WEBSITE_RUN_FROM_PACKAGE", "ASPNETCORE_ENVIRONMENT", "AZURE_CLIENT_ID",
        "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "AZURE_FUNCTIONS_ENVIRONMENT",
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
    ];

    // Where each options class is bound; a setting is known when one of the classes under its section binds it.
    private static readonly (string Section, Type Options)[] OptionsSections =
    [
        (BotOptions.Section, typeof(BotOptions)),
        (ConversationsOptions.Section, typeof(ConversationsOptions)),
        (GraphOptions.Section, typeof(GraphOptions)),
        (GraphSyncOptions.Section, typeof(GraphSyncOptions)),
        (DirectorySyncOptions.Section, typeof(DirectorySyncOptions)),
        (StorageOptions.Section, typeof(StorageOptions)),
        (RemindersOptions.Section, typeof(RemindersOptions)),
        (ScheduleOptions.Section, typeof(ScheduleOptions)),
        (DirectoryOptions.Section, typeof(DirectoryOptions)),
        (FrameworkOptions.Section, typeof(FrameworkOptions)),
        (BackupOptions.Section, typeof(BackupOptions)),
        (RetentionOptions.Section, typeof(RetentionOptions)),
        (QaBot.Bot.Dashboard.DashboardOptions.Section, typeof(QaBot.Bot.Dashboard.DashboardOptions)),
    ];

    public static TheoryData<string> IdentityChoices => new() { "UserAssignedMSI", "SingleTenant" };

    [Theory]
    [MemberData(nameof(IdentityChoices))]
    public async Task BotApp_TemplateSettings_PassTheBotsStartupValidation(string botIdentityType)
    {
        var settings = await AppSettingsAsync("app-", botIdentityType);

        AssertNone(Problems(settings, App.Bot));
    }

    [Theory]
    [MemberData(nameof(IdentityChoices))]
    public async Task FunctionsApp_TemplateSettings_PassTheFunctionsStartupValidation(string botIdentityType)
    {
        var settings = await AppSettingsAsync("func-", botIdentityType);

        AssertNone(Problems(settings, App.Functions));
    }

    [Fact]
    public async Task FunctionsApp_OnFlexConsumption_TemplateSettingsPassTheFunctionsStartupValidation()
    {
        var settings = await AppSettingsAsync("func-", "UserAssignedMSI", functionsHosting: "flexConsumption");

        AssertNone(Problems(settings, App.Functions));
        Assert.Equal("true", settings["Reminders__SharedRateBudget"]);
    }

    [Theory]
    [MemberData(nameof(IdentityChoices))]
    public async Task BotApp_DashboardSignIn_TheAppRegistrationTheManifestNames(string botIdentityType)
    {
        var settings = await AppSettingsAsync("app-", botIdentityType);

        // The manifest's webApplicationInfo is AAD_APP_CLIENT_ID, the example's 3c2b1a09-...: Teams' tokens carry it as their audience.
        Assert.Equal("3c2b1a09-8f7e-4d6c-a5b4-c3d2e1f0a9b8", settings["Dashboard__ClientId"]);
    }

    [Fact]
    public async Task BotApp_TemplateSettingsWithoutTheCredential_FailNamingIt()
    {
        var settings = await AppSettingsAsync("app-", "UserAssignedMSI");
        settings.Remove("Bot__Credential");

        Assert.Contains(Problems(settings, App.Bot), p => p.Contains("Bot:Credential", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionsApp_TemplateSettingsWithAMisspeltSetting_FailNamingIt()
    {
        var settings = await AppSettingsAsync("func-", "UserAssignedMSI");
        settings["Graph__TeamsAppCatalogueId"] = settings["Graph__TeamsAppCatalogId"];
        settings.Remove("Graph__TeamsAppCatalogId");

        Assert.Contains(Problems(settings, App.Functions), p => p.Contains("TeamsAppCatalogueId", StringComparison.Ordinal));
    }

    [Fact]
    public void LocalToolkitProject_UserSecrets_PassTheBotsStartupValidation()
    {
        // m365agents.local.yml stores the bot's settings as .NET user secrets, read in the Development environment.
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        var project = YamlToJson.Convert(File.ReadAllText(RepositoryRoot.Combine("m365agents.local.yml")))!;
        foreach (var step in project["deploy"]!.AsArray())
        {
            var args = ((string?)step!["with"]?["args"])?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (args is ["user-secrets", "set", var key, var value, ..])
            {
                settings[key.Replace(":", "__", StringComparison.Ordinal)] = ToolkitPlaceholder().Replace(value, m => m.Groups["name"].Value switch
                {
                    "BOT_ID" => "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
                    "BOT_TENANT_ID" => TemplateSnapshot.Scope.TenantId,
                    _ => PlaceholderSecret,
                });
            }
        }

        Assert.Contains("Bot__AppId", settings.Keys);
        AssertNone(Problems(settings, App.Bot));
    }

    private static void AssertNone(List<string> problems) =>
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

    private enum App
    {
        Bot,
        Functions,
    }

    /// <summary>The settings a site gets, with stand-ins for values only a real deployment knows.</summary>
    private static async Task<Dictionary<string, string?>> AppSettingsAsync(string sitePrefix, string botIdentityType, string functionsHosting = "appServicePlan")
    {
        var snapshot = await TemplateSnapshot.PredictAsync(new Dictionary<string, string?>
        {
            ["BOT_IDENTITY_TYPE"] = botIdentityType,
            ["GRAPH_ORGANISER_MAILBOXES"] = "qa.boards@example.gov.uk",
            ["FUNCTIONS_HOSTING"] = functionsHosting,
        });
        return snapshot.AppSettings(sitePrefix).ToDictionary(s => s.Key, s => (string?)Stand((s.Key, s.Value!)), StringComparer.Ordinal);
    }

    private static string Stand((string Name, string Value) setting)
    {
        var value = setting.Value;
        if (value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
        {
            return PlaceholderSecret;
        }

        if (!value.StartsWith('['))
        {
            return value;
        }

        var reference = Reference().Match(value);
        Assert.True(reference.Success, $"The test has no stand-in for {setting.Name} = {value}.");
        var id = reference.Groups["id"].Value;
        var name = id[(id.LastIndexOf('/') + 1)..];
        return reference.Groups["property"].Value switch
        {
            "clientId" when id.Contains("/userAssignedIdentities/", StringComparison.Ordinal) => StandInGuid(name).ToString(),
            "primaryEndpoints.table" => $"https://{name}.table.core.windows.net/",
            "primaryEndpoints.queue" => $"https://{name}.queue.core.windows.net/",
            "primaryEndpoints.blob" => $"https://{name}.blob.core.windows.net/",
            "ConnectionString" => $"InstrumentationKey={StandInGuid(name)};IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/",
            var property => throw new InvalidOperationException($"The test has no stand-in for {property} in {setting.Name} = {value}."),
        };
    }

    private static Guid StandInGuid(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));

    /// <summary>
    /// Every start-up validation failure of the host's own registrations on exactly these settings (over the host's
    /// committed appsettings.json), and every setting that no options class binds.
    /// </summary>
    private static List<string> Problems(Dictionary<string, string?> settings, App host)
    {
        var configurationBuilder = new ConfigurationBuilder();
        if (host == App.Bot)
        {
            configurationBuilder.AddJsonFile(RepositoryRoot.Combine("bot", "QaBot.Bot", "appsettings.json"), optional: false);
        }

        // App settings reach .NET as environment variables, where "__" separates sections.
        var configuration = configurationBuilder
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();

        var problems = UnboundSettings(settings).ToList();

        var services = new ServiceCollection();
        services.AddLogging();
        var environmentName = settings.GetValueOrDefault(host == App.Bot ? "ASPNETCORE_ENVIRONMENT" : "AZURE_FUNCTIONS_ENVIRONMENT") ?? Environments.Production;
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            EnvironmentName = environmentName,
            ApplicationName = host == App.Bot ? "QaBot.Bot" : "QaBot.Functions",
            ContentRootPath = AppContext.BaseDirectory,
        });
        _ = host == App.Bot ? services.AddQaBotBot(configuration) : services.AddQaBotFunctions(configuration);

        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        catch (AggregateException e)
        {
            problems.AddRange(e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures));
            problems.AddRange(e.InnerExceptions.Where(i => i is not OptionsValidationException).Select(i => i.Message));
        }

        return problems;
    }

    private static IEnumerable<string> UnboundSettings(Dictionary<string, string?> settings)
    {
        foreach (var (name, value) in settings.Where(s => !PlatformSettings.Contains(s.Key)))
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            var alone = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, value)]).Build();
            var failures = new List<string>();
            var bound = false;
            foreach (var (section, type) in OptionsSections.Where(o => key.StartsWith(o.Section + ":", StringComparison.Ordinal)))
            {
                try
                {
                    alone.GetSection(section).Get(type, o => o.ErrorOnUnknownConfiguration = true);
                    bound = true;
                    break;
                }
                catch (InvalidOperationException e)
                {
                    failures.Add(e.Message);
                }
            }

            if (!bound)
            {
                yield return failures.Count == 0
                    ? $"{name}: no options class reads this setting."
                    : $"{name}: {string.Join(" ", failures)}";
            }
        }
    }

    [GeneratedRegex(@"^\[reference\('(?<id>[^']+)', '[^']+'\)\.(?<property>[A-Za-z.]+)\]$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\$\{\{(?<name>[A-Z_]+)\}\}")]
    private static partial Regex ToolkitPlaceholder();
}
