using QaBot.Deployment.Tests.Tools;

namespace QaBot.Deployment.Tests;

/// <summary>Builds the Teams app package once with `atk package`, from the example environment.</summary>
public sealed class AppPackageFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public string ZipFile => _folder.Combine("appPackage.example.zip");

    public string ExtractedFolder => _folder.Combine("extracted");

    internal ProcessResult? PackageResult { get; private set; }

    public async Task InitializeAsync()
    {
        PackageResult = await AgentsToolkit.PackageAsync(DeploymentFiles.Manifest, DeploymentFiles.ExampleEnvFile, ZipFile, _folder.Combine("build"));
        if (PackageResult.Succeeded && File.Exists(ZipFile))
        {
            System.IO.Compression.ZipFile.ExtractToDirectory(ZipFile, ExtractedFolder);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    internal IReadOnlyList<string> Entries()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(ZipFile);
        return zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
    }
}
