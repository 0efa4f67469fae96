using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Calendar;

/// <summary>Reads YAML data files node by node so that every error can name the file, line and field.</summary>
internal sealed class YamlData(string file)
{
    public string File { get; } = file;

    public YamlMappingNode Root(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new DataFileException(File, (int)e.Start.Line, "(document)", $"not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new DataFileException(File, 1, "(document)", "the file is empty");
        }

        return Mapping(stream.Documents[0].RootNode, "(document)");
    }

    public YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, field, "expected a mapping (key: value lines)");

    public YamlSequenceNode Sequence(YamlNode node, string field) =>
        node as YamlSequenceNode ?? throw Error(node, field, "expected a list");

    public static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public YamlNode Required(YamlMappingNode map, string key, string path) =>
        Find(map, key) ?? throw Error(map, Join(path, key), "is required");

    public string RequiredString(YamlMappingNode map, string key, string path)
    {
        var node = Required(map, key, path);
        var text = Scalar(node, Join(path, key));
        return string.IsNullOrWhiteSpace(text) ? throw Error(node, Join(path, key), "must not be empty") : text.Trim();
    }

    public string? OptionalString(YamlMappingNode map, string key, string path) =>
        Find(map, key) is { } node ? Scalar(node, Join(path, key))?.Trim() : null;

    public bool OptionalBool(YamlMappingNode map, string key, string path)
    {
        if (Find(map, key) is not { } node)
        {
            return false;
        }

        return Scalar(node, Join(path, key)) switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error(node, Join(path, key), $"expected true or false, found '{other}'"),
        };
    }

    public int RequiredInt(YamlMappingNode map, string key, string path) =>
        Int(Required(map, key, path), Join(path, key));

    public int Int(YamlNode node, string field) =>
        int.TryParse(Scalar(node, field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(node, field, $"expected a whole number, found '{Scalar(node, field)}'");

    public DateOnly RequiredDate(YamlMappingNode map, string key, string path) =>
        Date(Required(map, key, path), Join(path, key));

    public DateOnly Date(YamlNode node, string field) =>
        DateOnly.TryParseExact(Scalar(node, field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(node, field, $"expected a date as yyyy-MM-dd, found '{Scalar(node, field)}'");

    public void OnlyKeys(YamlMappingNode map, string path, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, Join(path, name), $"unknown field; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(node, field, "expected a single value");

    public DataFileException Error(YamlNode node, string field, string problem) =>
        new(File, (int)node.Start.Line, field, problem);

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
