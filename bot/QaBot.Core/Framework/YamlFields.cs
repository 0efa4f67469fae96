using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Framework;

/// <summary>
/// The fields of one YAML mapping in the catalogue, read with their line numbers. The fields an entry may have are
/// declared up front, so a misspelt field is reported rather than ignored. Each read reports its own problems and
/// returns null, so that one pass finds every problem in the file.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
    private readonly CatalogueProblems _problems;

    public YamlFields(YamlMappingNode node, string path, CatalogueProblems problems, params string[] knownFields)
    {
        Node = node;
        Path = path;
        _problems = problems;

        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                problems.Add(key, path, string.Empty, "a field name must be plain text");
                continue;
            }

            if (!knownFields.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(key, path, name, $"unknown field '{name}'; the fields here are: {string.Join(", ", knownFields)}");
                continue;
            }

            if (!_values.TryAdd(name, value))
            {
                problems.Add(key, path, name, $"the field '{name}' is given twice");
            }
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public bool Has(string field) => _values.ContainsKey(field);

    public YamlNode? Value(string field) => _values.GetValueOrDefault(field);

    /// <summary>The node a problem with this field is reported at: its value, or the entry when the field is missing.</summary>
    public YamlNode At(string field) => Value(field) ?? Node;

    public void Error(string field, string message) => _problems.Add(At(field), Path, field, message);

    public void Error(YamlNode node, string field, string message) => _problems.Add(node, Path, field, message);

    /// <summary>A field that must be present with text in it.</summary>
    public string? RequiredText(string field, string? missingHint = null)
    {
        if (!_values.TryGetValue(field, out var node))
        {
            Error(field, $"required field '{field}' is missing{Hint(missingHint)}");
            return null;
        }

        var text = Text(field, node);
        if (text is null && node is YamlScalarNode)
        {
            Error(field, $"'{field}' must not be empty{Hint(missingHint)}");
        }

        return text;
    }

    /// <summary>A field that may be absent or null.</summary>
    public string? OptionalText(string field) =>
        _values.TryGetValue(field, out var node) && !IsNull(node) ? Text(field, node) : null;

    /// <summary>A field that must be present but may be written as null to say "not stated".</summary>
    public (bool Present, string? Value) RequiredNullableText(string field, string missingHint)
    {
        if (!_values.TryGetValue(field, out var node))
        {
            Error(field, $"required field '{field}' is missing{Hint(missingHint)}");
            return (false, null);
        }

        return (true, IsNull(node) ? null : Text(field, node));
    }

    public string? RequiredId(string field, string? missingHint = null) => CheckId(field, RequiredText(field, missingHint));

    public string? OptionalId(string field) => CheckId(field, OptionalText(field));

    public bool? OptionalBool(string field)
    {
        var text = OptionalText(field);
        switch (text)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Error(field, $"'{field}' must be true or false, not '{text}'");
                return null;
        }
    }

    public int? RequiredInt(string field, int min, int max)
    {
        var text = RequiredText(field);
        return text is null ? null : ParseInt(field, text, min, max);
    }

    public int? OptionalInt(string field, int min, int max)
    {
        var text = OptionalText(field);
        return text is null ? null : ParseInt(field, text, min, max);
    }

    /// <summary>A field whose value is one of a few names (e.g. <c>chair</c> or <c>attend</c>).</summary>
    public T? OptionalChoice<T>(string field, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = OptionalText(field);
        return text is null ? null : Choose(field, text, choices);
    }

    public T? RequiredChoice<T>(string field, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = RequiredText(field);
        return text is null ? null : Choose(field, text, choices);
    }

    /// <summary>A list of ids, each kept with its node so that a bad reference is reported on its own line.</summary>
    public IReadOnlyList<(string Id, YamlNode Node)>? OptionalIdList(string field)
    {
        if (!_values.TryGetValue(field, out var node) || IsNull(node))
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(field, $"'{field}' must be a list of ids, e.g. [first-id, second-id]");
            return null;
        }

        var ids = new List<(string, YamlNode)>();
        foreach (var item in sequence.Children)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } id } || IsNull(item))
            {
                Error(item, field, $"each entry of '{field}' must be an id");
                continue;
            }

            if (!Slug.IsValid(id))
            {
                Error(item, field, BadSlug(id));
                continue;
            }

            ids.Add((id, item));
        }

        return ids;
    }

    /// <summary>A nested mapping (e.g. <c>sourceRow</c>), or null with a problem reported.</summary>
    public YamlMappingNode? RequiredMapping(string field, string? missingHint = null)
    {
        if (!_values.TryGetValue(field, out var node))
        {
            Error(field, $"required field '{field}' is missing{Hint(missingHint)}");
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(field, $"'{field}' must be a mapping of fields{Hint(missingHint)}");
            return null;
        }

        return mapping;
    }

    public YamlSequenceNode? RequiredSequence(string field, string? missingHint = null)
    {
        if (!_values.TryGetValue(field, out var node))
        {
            Error(field, $"required field '{field}' is missing{Hint(missingHint)}");
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(field, $"'{field}' must be a list{Hint(missingHint)}");
            return null;
        }

        return sequence;
    }

    public YamlSequenceNode? OptionalSequence(string field)
    {
        if (!_values.TryGetValue(field, out var node) || IsNull(node))
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(field, $"'{field}' must be a list");
            return null;
        }

        return sequence;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string BadSlug(string value) =>
        $"'{value}' is not a valid id: use lower-case letters and digits in words joined by single hyphens " +
        $"(e.g. team-manager-supervision), at most {Slug.MaxLength} characters";

    private string? Text(string field, YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(field, $"'{field}' must be text, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
            return null;
        }

        var text = scalar.Value?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private string? CheckId(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!Slug.IsValid(value))
        {
            Error(field, BadSlug(value));
            return null;
        }

        return value;
    }

    private int? ParseInt(string field, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(field, $"'{field}' must be a whole number from {min} to {max}, not '{text}'");
            return null;
        }

        return value;
    }

    private T? Choose<T>(string field, string text, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(field, $"'{field}' must be one of {string.Join(", ", choices.Keys)}, not '{text}'");
        return null;
    }

    private static string Hint(string? hint) => hint is null ? string.Empty : $": {hint}";
}
