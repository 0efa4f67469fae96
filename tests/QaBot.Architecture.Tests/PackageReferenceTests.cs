using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using QaBot.Testing;

namespace QaBot.Architecture.Tests;

/// <summary>
/// No project references a package it does not use. The compiler records a reference to an assembly only when the
/// code uses something in it, so a package whose assemblies are missing from the built project's references is
/// unused. Packages with no assembly to compile against (analysers, test runners, native libraries, build tools)
/// are listed below with what they do; a new one must be added here with its reason.
/// </summary>
[Trait("Category", "Fast")]
public sealed class PackageReferenceTests
{
    /// <summary>Packages the build, the test runner or the runtime uses, not the code.</summary>
    private static readonly Dictionary<string, string> UsedByTheBuild = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.CodeAnalysis.BannedApiAnalyzers"] = "an analyser: refuses DateTime.Now and the other banned APIs",
        ["Microsoft.NET.Test.Sdk"] = "makes a test project runnable by dotnet test",
        ["xunit"] = "the xunit packages the tests compile against (xunit.core, xunit.assert), as one reference",
        ["xunit.runner.visualstudio"] = "runs xunit tests under dotnet test",
        ["coverlet.collector"] = "collects coverage under dotnet test --collect",
        ["Microsoft.Azure.Functions.Worker.Sdk"] = "generates the Functions app's function metadata at build time",
        ["SkiaSharp.NativeAssets.Linux.NoDependencies"] = "the native library SkiaSharp loads on Linux",
    };

    /// <summary>Packages referenced only to lift the version another package brings, with why.</summary>
    private static readonly Dictionary<string, string> VersionPins = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.IdentityModel.Validators"] = "Microsoft.Graph brings an older one; the IdentityModel family must be on one version",
        ["Microsoft.IdentityModel.Protocols.OpenIdConnect"] = "Microsoft.Graph asks for 8.18.0 or later, which restore may take while Validators needs 8.19.2 or later: a downgrade error",
    };

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (var project in AllProjects())
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, project).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryPackageReference_IsUsedByTheProject(string project)
    {
        var folder = Path.GetDirectoryName(RepositoryRoot.Combine(project))!;
        var name = (string?)XDocument.Load(RepositoryRoot.Combine(project)).Descendants("AssemblyName").FirstOrDefault()
            ?? Path.GetFileNameWithoutExtension(project);
        var assets = Path.Combine(folder, "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{project} has not been restored ({assets} is missing): build the solution first.");
        var assembly = BuiltAssembly(folder, name);
        var used = ReferencedAssemblies(assembly);

        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        var unused = new List<string>();
        foreach (var package in DirectPackages(json.RootElement).Where(p => !VersionPins.ContainsKey(p)))
        {
            var compiled = CompileAssemblies(json.RootElement, package);
            if (compiled.Count == 0)
            {
                if (!UsedByTheBuild.ContainsKey(package))
                {
                    unused.Add($"{package} (it has no assembly to compile against: if the build needs it, add it to {nameof(UsedByTheBuild)} with the reason)");
                }

                continue;
            }

            if (!compiled.Any(used.Contains))
            {
                unused.Add($"{package} (nothing in {name} uses {string.Join(", ", compiled)})");
            }
        }

        Assert.True(unused.Count == 0, $"{project} references packages it does not use: {string.Join("; ", unused)}");
    }

    [Fact]
    public void EveryCentralPackageVersion_IsReferencedBySomeProject()
    {
        var central = XDocument.Load(RepositoryRoot.Combine("Directory.Packages.props")).Descendants("PackageVersion")
            .Select(p => (string?)p.Attribute("Include") ?? string.Empty);
        var referenced = AllProjects().Append(RepositoryRoot.Combine("Directory.Build.props"))
            .SelectMany(p => XDocument.Load(p).Descendants().Where(e => e.Name.LocalName is "PackageReference" or "PackageDownload"))
            .Select(p => (string?)p.Attribute("Include") ?? string.Empty)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unreferenced = central.Where(p => !referenced.Contains(p)).ToList();
        Assert.True(unreferenced.Count == 0, $"Directory.Packages.props pins versions no project references: {string.Join(", ", unreferenced)}");
    }

    [Fact]
    public void TheBuildOnlyList_NamesOnlyPackagesSomeProjectReferences()
    {
        var referenced = AllProjects().Append(RepositoryRoot.Combine("Directory.Build.props"))
            .SelectMany(p => XDocument.Load(p).Descendants("PackageReference"))
            .Select(p => (string?)p.Attribute("Include") ?? string.Empty)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var stale = UsedByTheBuild.Keys.Where(p => !referenced.Contains(p)).ToList();
        Assert.True(stale.Count == 0, $"{nameof(UsedByTheBuild)} names packages no project references: {string.Join(", ", stale)}");
    }

    [Fact]
    public void EveryProject_IsBuiltBeforeThePackageTestRuns()
    {
        // dotnet test on the solution runs each test project as soon as it is built: this project's references,
        // direct or through others, are what make every assembly the package test reads exist by then.
        var self = RepositoryRoot.Combine("tests/QaBot.Architecture.Tests/QaBot.Architecture.Tests.csproj");
        var built = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(self)]);
        while (pending.TryPop(out var project))
        {
            if (!built.Add(project))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = ((string?)reference.Attribute("Include") ?? string.Empty).Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)));
            }
        }

        var missing = AllProjects().Select(Path.GetFullPath).Where(p => !built.Contains(p))
            .Select(p => Path.GetRelativePath(RepositoryRoot.Path, p)).ToList();
        Assert.True(missing.Count == 0,
            $"QaBot.Architecture.Tests.csproj must reference these projects (ReferenceOutputAssembly=\"false\") so they are built first: {string.Join(", ", missing)}");
    }

    private static IEnumerable<string> AllProjects() =>
        new[] { "bot", "functions", "tests", "manifest", "tools" }
            .Select(f => RepositoryRoot.Combine(f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin" or "node_modules"))
            .Order(StringComparer.Ordinal);

    /// <summary>The newest build of the project, in whichever configuration was built last.</summary>
    private static string BuiltAssembly(string folder, string name)
    {
        var bin = Path.Combine(folder, "bin");
        var built = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, name + ".dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        Assert.True(built is not null, $"{name}.dll is not built under {bin}: build the solution first.");
        return built!;
    }

    private static HashSet<string> ReferencedAssemblies(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The packages the project itself references (not what they bring with them).</summary>
    private static IEnumerable<string> DirectPackages(JsonElement assets)
    {
        foreach (var framework in assets.GetProperty("project").GetProperty("frameworks").EnumerateObject())
        {
            if (!framework.Value.TryGetProperty("dependencies", out var dependencies))
            {
                continue;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                if (dependency.Value.TryGetProperty("target", out var target) && target.GetString() == "Package")
                {
                    yield return dependency.Name;
                }
            }
        }
    }

    /// <summary>The assembly names the package puts on the compiler's command line, if any.</summary>
    private static List<string> CompileAssemblies(JsonElement assets, string package)
    {
        var names = new List<string>();
        foreach (var target in assets.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Name.StartsWith(package + "/", StringComparison.OrdinalIgnoreCase) || !library.Value.TryGetProperty("compile", out var compile))
                {
                    continue;
                }

                names.AddRange(compile.EnumerateObject()
                    .Select(f => Path.GetFileName(f.Name))
                    .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    .Select(Path.GetFileNameWithoutExtension)!);
            }
        }

        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
