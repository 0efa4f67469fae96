using QaBot.Deployment.Tests.Tools;

namespace QaBot.Deployment.Tests;

[Trait("Category", "Process")]
public sealed class BicepTemplateTests
{
    private static readonly Dictionary<string, string?> CouncilEnvironment = new()
    {
        ["AAD_APP_CLIENT_ID"] = "3c2b1a09-8f7e-4d6c-a5b4-c3d2e1f0a9b8",
        ["GRAPH_ORGANISER_MAILBOXES"] = "qa.boards@example.gov.uk, children.services.boards@example.gov.uk",
    };

    [Fact]
    public async Task MainTemplate_Build_SucceedsWithNoDiagnostics()
    {
        var result = await BicepCompiler.BuildAsync(DeploymentFiles.MainTemplate);

        Assert.True(result.Succeeded, result.Describe());
        Assert.True(result.Error.Trim().Length == 0, result.Describe());
    }

    [Fact]
    public async Task MainTemplate_Lint_ReportsNothing()
    {
        // With the default rules a lint warning still exits 0: any output at all fails this test.
        var result = await BicepCompiler.LintAsync(DeploymentFiles.MainTemplate);

        Assert.True(result.Succeeded, result.Describe());
        Assert.True((result.Output + result.Error).Trim().Length == 0, result.Describe());
    }

    [Fact]
    public async Task TemplateWithUndefinedSymbol_Build_FailsNamingTheLine()
    {
        using var folder = CopyInfra();
        var template = folder.Combine("main.bicep");
        File.WriteAllText(template, File.ReadAllText(template).Replace("serverFarmId: plan.id", "serverFarmId: appPlan.id", StringComparison.Ordinal));

        var result = await BicepCompiler.BuildAsync(template);

        Assert.False(result.Succeeded, result.Describe());
        Assert.Matches(@"main\.bicep\(\d+,\d+\) : Error BCP057", result.Error);
    }

    [Fact]
    public async Task TemplateWithWrongPropertyType_Build_WarnsAndSoFailsOurCheck()
    {
        // Bicep reports a property of the wrong type as a warning and still exits 0: this is why the build check
        // above fails on any diagnostic, not only on the exit code.
        using var folder = CopyInfra();
        var template = folder.Combine("main.bicep");
        File.WriteAllText(template, File.ReadAllText(template).Replace("minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 12", StringComparison.Ordinal));

        var result = await BicepCompiler.BuildAsync(template);

        Assert.False(result.Succeeded && result.Error.Trim().Length == 0, result.Describe());
        Assert.Matches(@"main\.bicep\(\d+,\d+\) : Warning BCP036", result.Error);
    }

    [Fact]
    public async Task TemplateWithUnusedParameter_Lint_FailsUnderOurRules()
    {
        using var folder = CopyInfra();
        var template = folder.Combine("main.bicep");
        File.AppendAllText(template, "\nparam forgotten string = 'never used'\n");

        var result = await BicepCompiler.LintAsync(template);

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains("Error no-unused-params", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParametersFile_WithTheCouncilsValues_Builds()
    {
        var result = await BicepCompiler.BuildParamsAsync(DeploymentFiles.MainParameters, CouncilEnvironment);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains(CouncilEnvironment["AAD_APP_CLIENT_ID"]!, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParametersFile_WithoutTheAppRegistration_FailsNamingIt()
    {
        var result = await BicepCompiler.BuildParamsAsync(
            DeploymentFiles.MainParameters,
            new Dictionary<string, string?> { ["AAD_APP_CLIENT_ID"] = null });

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains("AAD_APP_CLIENT_ID", result.Error, StringComparison.Ordinal);
    }

    private static TemporaryFolder CopyInfra()
    {
        var folder = new TemporaryFolder();
        foreach (var file in Directory.GetFiles(DeploymentFiles.InfraFolder))
        {
            File.Copy(file, folder.Combine(Path.GetFileName(file)));
        }

        return folder;
    }
}
