using QaBot.Core.Calendar;
using QaBot.Testing.Framework;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class DataFilesTests
{
    [Fact]
    public void ReadCatalogue_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qabot-{Guid.NewGuid():N}", "framework.yaml");

        var result = DataFiles.ReadCatalogue(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal("the file does not exist", error.Message);
    }

    [Fact]
    public void ReadCatalogue_FileOnDisk_GivesItsPathInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qabot-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, CatalogueText.With("frequency: Bi-monthly", "frequency: Fortnightly"));
        try
        {
            var error = Assert.Single(DataFiles.ReadCatalogue(path).Errors);

            Assert.Equal(path, error.File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadCalendar_MissingFolder_NamesTheMissingFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "qabot-no-calendar-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DataFileException>(() => DataFiles.ReadCalendar(folder));

        Assert.Contains("bank-holidays.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("Framework:CalendarDirectory", error.Message, StringComparison.Ordinal);
    }
}
