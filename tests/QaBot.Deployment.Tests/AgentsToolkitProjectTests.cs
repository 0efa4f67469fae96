using System.Text.Json.Nodes;
using QaBot.Deployment.Tests.Tools;
using QaBot.Testing;

namespace QaBot.Deployment.Tests;

public sealed class AgentsToolkitProjectTests
{
    public static TheoryData<string, string> ProjectFiles => new()
    {
        { "m365agents.yml", "dev" },
        { "m365agents.local.yml", "local" },
        { "m365agents.playground.yml", "playground" },
    };

    [Theory]
    [MemberData(nameof(ProjectFiles))]
    [Trait("Category", "Process")]
    public async Task ProjectFile_Committed_PassesTheToolkitsSchema(string file, string environment)
    {
        _ = environment;
        using var folder = new TemporaryFolder();
        var (json, schema) = ConvertProjectFile(folder, File.ReadAllText(RepositoryRoot.Combine(file)));

        var result = await JsonSchemaValidator.ValidateAsync(schema, json);

        Assert.True(result.Succeeded, result.Describe());
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task ProjectFile_WithMisspeltAction_FailsTheToolkitsSchema()
    {
        using var folder = new TemporaryFolder();
        var yaml = File.ReadAllText(RepositoryRoot.Combine("m365agents.yml")).Replace("uses: arm/deploy", "uses: arm/deplyo", StringComparison.Ordinal);
        var (json, schema) = ConvertProjectFile(folder, yaml);

        var result = await JsonSchemaValidator.ValidateAsync(schema, json);

        Assert.False(result.Succeeded, result.Describe());
    }

    [Theory]
    [MemberData(nameof(ProjectFiles))]
    [Trait("Category", "Fast")]
    public void ProjectFile_Paths_PointAtFilesInTheRepository(string file, string environment)
    {
        _ = environment;
        var project = YamlToJson.Convert(File.ReadAllText(RepositoryRoot.Combine(file)))!;

        Assert.Equal("./manifest/env", (string?)project["environmentFolderPath"]);
        foreach (var action in Actions(project))
        {
            var with = action["with"]?.AsObject();
            foreach (var key in new[] { "manifestPath", "parameters" })
            {
                if (with?[key] is JsonNode path)
                {
                    AssertExists((string)path!, $"{file}: {action["uses"]}.{key}");
                }
            }

            foreach (var template in with?["templates"]?.AsArray() ?? [])
            {
                AssertExists((string)template!["path"]!, $"{file}: arm/deploy template");
                AssertExists((string)template["parameters"]!, $"{file}: arm/deploy parameters");
            }

            var args = (string?)with?["args"] ?? "";
            foreach (var csproj in args.Split(' ').Where(a => a.EndsWith(".csproj", StringComparison.Ordinal)))
            {
                AssertExists(csproj, $"{file}: {action["uses"]} args");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ProjectFiles))]
    [Trait("Category", "Fast")]
    public void ProjectFile_Placeholders_AreDeclaredOrWrittenByAnEarlierAction(string file, string environment)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(file));
        var declared = EnvFile.Read(DeploymentFiles.EnvFile(environment)).Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var action in Actions(YamlToJson.Convert(text)!))
        {
            foreach (var (_, name) in action["writeToEnvironmentFile"]?.AsObject() ?? [])
            {
                declared.Add((string)name!);
            }
        }

        // AAD_APP_CLIENT_ID is set by the local file's script step.
        declared.Add("AAD_APP_CLIENT_ID");
        var undeclared = Placeholders.Find(text).Where(name => !declared.Contains(name)).Order();

        Assert.Empty(undeclared);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task ProjectFile_ReadByTheToolkit_TakesEnvironmentsFromTheManifestFolder()
    {
        // The committed dev environment has no council details yet, so validation stops on them; the message shows
        // that atk parsed m365agents.yml and looked in manifest/env.
        var result = await AgentsToolkit.ValidateManifestForEnvironmentAsync(DeploymentFiles.Manifest, "dev");

        Assert.False(result.Succeeded, result.Describe());
        var message = result.Output + result.Error;
        Assert.Contains("MissingEnvironmentVariables", message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("manifest", "env", ".env.dev"), message, StringComparison.Ordinal);
        Assert.Contains("COUNCIL_NAME", message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task ToolkitParameters_NameOnlyTemplateParametersAndCoverTheRequiredOnes()
    {
        var build = await BicepCompiler.BuildAsync(DeploymentFiles.MainTemplate);
        Assert.True(build.Succeeded, build.Describe());
        var templateParameters = JsonNode.Parse(build.Output)!["parameters"]!.AsObject();
        var text = File.ReadAllText(DeploymentFiles.ToolkitParameters);
        var given = JsonNode.Parse(text)!["parameters"]!.AsObject().Select(p => p.Key).ToList();

        Assert.DoesNotContain(given, name => !templateParameters.ContainsKey(name));
        Assert.DoesNotContain(templateParameters.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key), name => !given.Contains(name));
        var declared = EnvFile.Read(DeploymentFiles.EnvFile("dev"));
        Assert.DoesNotContain(Placeholders.Find(text), name => !declared.ContainsKey(name));
    }

    private static (string Json, string Schema) ConvertProjectFile(TemporaryFolder folder, string yaml)
    {
        var project = YamlToJson.Convert(yaml)!;
        var json = folder.Combine("project.json");
        File.WriteAllText(json, project.ToJsonString());
        var schema = AgentsToolkit.ProjectFileSchema((string)project["version"]!);
        Assert.True(File.Exists(schema), $"The Agents Toolkit CLI has no schema for project file version {project["version"]} ({schema}).");
        return (json, schema);
    }

    private static IEnumerable<JsonNode> Actions(JsonNode project) =>
        new[] { "provision", "deploy", "publish" }.SelectMany(stage => project[stage]?.AsArray() ?? []).OfType<JsonNode>();

    private static void AssertExists(string relativePath, string where) =>
        Assert.True(
            File.Exists(RepositoryRoot.Combine(relativePath.Replace('/', Path.DirectorySeparatorChar))),
            $"{where} names {relativePath}, which does not exist.");
}
