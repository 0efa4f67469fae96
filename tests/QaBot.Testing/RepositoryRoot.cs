namespace QaBot.Testing;

/// <summary>Finds the repository's root folder (the one holding QaBot.sln) from the test's output folder.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "QaBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No QaBot.sln above {AppContext.BaseDirectory}: run the tests from a clone of the repository.");
    }
}
