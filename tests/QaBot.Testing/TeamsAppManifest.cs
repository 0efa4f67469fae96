using System.Text.Json;
using Xunit;

namespace QaBot.Testing;

/// <summary>
/// Reads the Teams app manifest (manifest/manifest.json) so that tests can check the bot against what the app
/// promises, e.g. that every command in the menu gets a real answer:
/// <code>[Theory, MemberData(nameof(TeamsAppManifest.CommandTitles), MemberType = typeof(TeamsAppManifest))]</code>
/// </summary>
public static class TeamsAppManifest
{
    public static string FilePath => RepositoryRoot.Combine("manifest", "manifest.json");

    /// <summary>Every command in the bot's command lists, once per list it appears in.</summary>
    public static IReadOnlyList<ManifestCommand> Commands()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        var commands = new List<ManifestCommand>();
        if (!document.RootElement.TryGetProperty("bots", out var bots))
        {
            return commands;
        }

        foreach (var bot in bots.EnumerateArray())
        {
            if (!bot.TryGetProperty("commandLists", out var lists))
            {
                continue;
            }

            foreach (var list in lists.EnumerateArray())
            {
                var scopes = list.GetProperty("scopes").EnumerateArray().Select(s => s.GetString() ?? "").ToList();
                foreach (var command in list.GetProperty("commands").EnumerateArray())
                {
                    commands.Add(new ManifestCommand(
                        command.GetProperty("title").GetString() ?? "",
                        command.TryGetProperty("description", out var description) ? description.GetString() ?? "" : "",
                        scopes));
                }
            }
        }

        return commands;
    }

    /// <summary>The distinct command titles, as xunit theory data.</summary>
    public static TheoryData<string> CommandTitles()
    {
        var data = new TheoryData<string>();
        foreach (var title in Commands().Select(c => c.Title).Distinct(StringComparer.Ordinal))
        {
            data.Add(title);
        }

        return data;
    }
}
