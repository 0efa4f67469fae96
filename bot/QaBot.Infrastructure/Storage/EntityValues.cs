using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace QaBot.Infrastructure.Storage;

/// <summary>Reading typed values from a <see cref="TableEntity"/>, failing loudly when a required one is missing.</summary>
internal static class EntityValues
{
    public static string Required(this TableEntity entity, string name) =>
        entity.GetString(name) ?? throw new InvalidOperationException($"Entity {entity.PartitionKey}/{entity.RowKey} has no {name}.");

    public static string? Optional(this TableEntity entity, string name) =>
        entity.GetString(name) is { Length: > 0 } value ? value : null;

    public static DateOnly RequiredDate(this TableEntity entity, string name) =>
        DateOnly.ParseExact(entity.Required(name), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalDate(this TableEntity entity, string name) =>
        entity.Optional(name) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    public static DateTimeOffset RequiredInstant(this TableEntity entity, string name) =>
        entity.GetDateTimeOffset(name) ?? throw new InvalidOperationException($"Entity {entity.PartitionKey}/{entity.RowKey} has no {name}.");

    public static int RequiredInt(this TableEntity entity, string name) =>
        entity.GetInt32(name) ?? throw new InvalidOperationException($"Entity {entity.PartitionKey}/{entity.RowKey} has no {name}.");

    public static T RequiredJson<T>(this TableEntity entity, string name) =>
        JsonSerializer.Deserialize<T>(entity.Required(name), JsonOptions)
        ?? throw new InvalidOperationException($"Entity {entity.PartitionKey}/{entity.RowKey} has an empty {name}.");

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    public static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
