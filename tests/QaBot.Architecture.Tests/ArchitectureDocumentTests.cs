using System.Text.RegularExpressions;
using QaBot.Testing;

namespace QaBot.Architecture.Tests;

/// <summary>docs/architecture.md sends a newcomer to one file per behaviour: every file it names must exist.</summary>
[Trait("Category", "Fast")]
public sealed partial class ArchitectureDocumentTests
{
    [Fact]
    public void WhereDoesItLive_NamesFilesThatExist()
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("docs", "architecture.md"));
        var files = FileInTableRow().Matches(text).Select(m => m.Groups["path"].Value).ToList();

        Assert.True(files.Count >= 10, $"docs/architecture.md names {files.Count} behaviours; it should name at least ten.");
        Assert.All(files, path => Assert.True(File.Exists(RepositoryRoot.Combine(path.Split('/'))), $"docs/architecture.md names {path}, which does not exist."));
    }

    [GeneratedRegex(@"^\|[^|\n]+\|\s*`(?<path>(bot|functions)/[^`]+\.cs)`\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex FileInTableRow();
}
