using System.Text.Json;
using QaBot.Core.Framework;
using QaBot.Testing;

namespace QaBot.Core.Tests.Architecture;

[Trait("Category", "Fast")]
public sealed class CoreDependencyTests
{
    private static readonly string[] ForbiddenPrefixes = ["Azure.", "Microsoft.Graph", "Microsoft.AspNetCore", "Microsoft.Azure."];

    [Fact]
    public void CoreAssembly_ReferencesNoAzureGraphOrAspNet()
    {
        var referenced = typeof(FrameworkCatalogue).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        Assert.DoesNotContain(referenced, IsForbidden);
    }

    [Fact]
    public void CorePackageGraph_ContainsNoAzureGraphOrAspNetPackage()
    {
        var assets = RepositoryRoot.Combine("bot", "QaBot.Core", "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: build the solution first.");

        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        var packages = document.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString() == "package")
            .Select(p => p.Name.Split('/')[0])
            .ToList();

        Assert.NotEmpty(packages);
        Assert.DoesNotContain(packages, IsForbidden);

        var frameworks = document.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("frameworkReferences", out var refs) ? refs.EnumerateObject().Select(r => r.Name) : []);
        Assert.DoesNotContain(frameworks, f => f.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    private static bool IsForbidden(string name) =>
        ForbiddenPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
