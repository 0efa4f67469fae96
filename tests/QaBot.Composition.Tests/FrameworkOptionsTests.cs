namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class FrameworkOptionsTests
{
    [Fact]
    public void PreviousFile_ShippedCatalogueAndNoSetting_IsTheShippedVersion1()
    {
        var options = new FrameworkOptions();

        Assert.Equal(Path.Combine("Data", "framework-v1.yaml"), options.PreviousFile());
        Assert.True(File.Exists(DataFiles.Resolve(options.PreviousFile()!)));
    }

    [Fact]
    public void PreviousFile_ShippedCatalogueNamedByItsFullPath_IsTheShippedVersion1()
    {
        var options = new FrameworkOptions { CatalogueFile = DataFiles.Resolve(FrameworkOptions.ShippedCatalogueFile) };

        Assert.Equal(FrameworkOptions.ShippedPreviousCatalogueFile, options.PreviousFile());
    }

    [Fact]
    public void PreviousFile_Set_IsTheSetting()
    {
        var options = new FrameworkOptions { PreviousCatalogueFile = "framework-v4.yaml" };

        Assert.Equal("framework-v4.yaml", options.PreviousFile());
    }

    [Fact]
    public void PreviousFile_CouncilsOwnCatalogueAndNoSetting_IsNone()
    {
        var options = new FrameworkOptions { CatalogueFile = "council-framework.yaml" };

        Assert.Null(options.PreviousFile());
    }
}
