using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>Turns a YAML document into JSON, keeping booleans and numbers typed, so a JSON schema can check it.</summary>
internal static class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
        return ToNode(deserializer.Deserialize<object?>(yaml));
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(pair =>
            KeyValuePair.Create(System.Convert.ToString(pair.Key, CultureInfo.InvariantCulture)!, ToNode(pair.Value)))),
        IEnumerable<object?> list when value is not string => new JsonArray(list.Select(ToNode).ToArray()),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        _ => JsonValue.Create(System.Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
