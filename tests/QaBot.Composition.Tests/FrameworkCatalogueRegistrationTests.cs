using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QaBot.Core.Framework;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class FrameworkCatalogueRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-registration-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IHost BuildHost(string? catalogueFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (catalogueFile is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Framework:CatalogueFile", catalogueFile)]);
        }

        builder.Services.AddQaBot(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task AddQaBot_ShippedCatalogue_StartsAndGivesOneCatalogue()
    {
        using var host = BuildHost(null);

        await host.StartAsync();
        var catalogue = host.Services.GetRequiredService<FrameworkCatalogue>();

        Assert.Equal(62, catalogue.Duties.Count());
        Assert.Same(catalogue, host.Services.GetRequiredService<FrameworkCatalogue>());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddQaBot_InvalidCatalogue_FailsStartUpListingEveryProblem()
    {
        var path = Path.Combine(_folder, "framework.yaml");
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "framework.yaml"))
            .Replace("frequency: Half-termly", "frequency: Termly-ish", StringComparison.Ordinal)
            .Replace("chair: executive-director", "chair: chief-executive", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text);
        using var host = BuildHost(path);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal($"The framework catalogue {path} is invalid: 3 problems.", failure.Failures.First());
        Assert.Equal(4, failure.Failures.Count());
        Assert.Contains(failure.Failures, f => f.Contains("duties[", StringComparison.Ordinal) && f.Contains("“Termly-ish”", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("bodies[", StringComparison.Ordinal) && f.Contains("unknown role 'chief-executive'", StringComparison.Ordinal));
        Assert.All(failure.Failures.Skip(1), f => Assert.StartsWith($"{path}:", f, StringComparison.Ordinal));
    }

    [Fact]
    public void AddQaBot_MissingCatalogueFile_RefusesToGiveACatalogue()
    {
        var path = Path.Combine(_folder, "missing.yaml");
        using var host = BuildHost(path);

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<FrameworkCatalogue>());

        Assert.Contains(failure.Failures, f => f == $"{path}:1:1: the file does not exist");
    }
}
