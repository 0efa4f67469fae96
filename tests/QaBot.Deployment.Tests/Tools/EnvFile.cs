namespace QaBot.Deployment.Tests.Tools;

/// <summary>
/// An Agents Toolkit environment file (manifest/env/.env.*): KEY=VALUE lines, # comments, values optionally in
/// quotes. Read the way the toolkit reads it, so that what the tests fill in is what a council's build fills in.
/// </summary>
internal static class EnvFile
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{path}, line {i + 1}: expected KEY=VALUE, found '{line}'.");
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            if (!values.TryAdd(key, value))
            {
                throw new FormatException($"{path}, line {i + 1}: {key} is set twice.");
            }
        }

        return values;
    }

    public static void Write(string path, IReadOnlyDictionary<string, string> values) =>
        File.WriteAllLines(path, values.Select(v => v.Value.Contains(' ', StringComparison.Ordinal) ? $"{v.Key}=\"{v.Value}\"" : $"{v.Key}={v.Value}"));
}
