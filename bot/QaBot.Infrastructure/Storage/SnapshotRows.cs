using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// One table row as one line of JSON, keeping its Table Storage types so a restore gives the identical row:
/// <c>{"pk":"…","rk":"…","p":{"At":["DateTime","2026-12-04T01:30:00.0000000Z"],"Version":["Int32",3],…}}</c>.
/// 64-bit integers and doubles are written as text, so no JSON reader rounds them; binary as base64. The service's
/// Timestamp and ETag are not copied (the service sets them again).
/// </summary>
internal static class SnapshotRows
{
    public static void Write(IBufferWriter<byte> output, TableEntity entity)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("pk", entity.PartitionKey);
        json.WriteString("rk", entity.RowKey);
        json.WriteStartObject("p");
        foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null)
            {
                continue;
            }

            json.WriteStartArray(name);
            switch (value)
            {
                case string text:
                    json.WriteStringValue("String");
                    json.WriteStringValue(text);
                    break;
                case int number:
                    json.WriteStringValue("Int32");
                    json.WriteNumberValue(number);
                    break;
                case long number:
                    json.WriteStringValue("Int64");
                    json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case double number:
                    json.WriteStringValue("Double");
                    json.WriteStringValue(number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    json.WriteStringValue("Boolean");
                    json.WriteBooleanValue(flag);
                    break;
                case DateTimeOffset instant:
                    json.WriteStringValue("DateTime");
                    json.WriteStringValue(instant.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case DateTime instant:
                    json.WriteStringValue("DateTime");
                    json.WriteStringValue(instant.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
                    break;
                case Guid id:
                    json.WriteStringValue("Guid");
                    json.WriteStringValue(id.ToString("D"));
                    break;
                case byte[] bytes:
                    json.WriteStringValue("Binary");
                    json.WriteBase64StringValue(bytes);
                    break;
                case BinaryData data:
                    json.WriteStringValue("Binary");
                    json.WriteBase64StringValue(data.ToArray());
                    break;
                default:
                    throw new InvalidOperationException($"Entity {entity.PartitionKey}/{entity.RowKey}: property {name} has a type ({value.GetType().Name}) a snapshot cannot keep.");
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static TableEntity Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var entity = new TableEntity(root.GetProperty("pk").GetString(), root.GetProperty("rk").GetString());
        foreach (var property in root.GetProperty("p").EnumerateObject())
        {
            var type = property.Value[0].GetString();
            var value = property.Value[1];
            entity[property.Name] = type switch
            {
                "String" => value.GetString(),
                "Int32" => value.GetInt32(),
                "Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                "Double" => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                "Boolean" => value.GetBoolean(),
                "DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                "Guid" => Guid.Parse(value.GetString()!),
                "Binary" => value.GetBytesFromBase64(),
                _ => throw new FormatException($"Row {entity.PartitionKey}/{entity.RowKey}: property {property.Name} has an unknown type '{type}'."),
            };
        }

        return entity;
    }
}
