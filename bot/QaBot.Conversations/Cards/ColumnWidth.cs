using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>A column's width: <c>auto</c>, <c>stretch</c>, a relative weight (a number) or pixels (<c>"50px"</c>).</summary>
[JsonConverter(typeof(ColumnWidthConverter))]
public readonly record struct ColumnWidth
{
    private ColumnWidth(string? keyword, int? weight, int? pixels)
    {
        Keyword = keyword;
        Weight = weight;
        Pixels = pixels;
    }

    public static ColumnWidth Auto { get; } = new("auto", null, null);

    public static ColumnWidth Stretch { get; } = new("stretch", null, null);

    public string? Keyword { get; }

    public int? Weight { get; }

    public int? Pixels { get; }

    public static ColumnWidth Relative(int weight) =>
        weight > 0 ? new(null, weight, null) : throw new ArgumentOutOfRangeException(nameof(weight), weight, "A column weight must be positive.");

    public static ColumnWidth FixedPixels(int pixels) =>
        pixels > 0 ? new(null, null, pixels) : throw new ArgumentOutOfRangeException(nameof(pixels), pixels, "A column width in pixels must be positive.");

    public override string ToString() =>
        Keyword ?? (Weight is { } weight ? weight.ToString(CultureInfo.InvariantCulture) : $"{Pixels.GetValueOrDefault().ToString(CultureInfo.InvariantCulture)}px");
}

/// <summary>Writes a <see cref="ColumnWidth"/> as the schema's string-or-number.</summary>
internal sealed class ColumnWidthConverter : JsonConverter<ColumnWidth>
{
    public override ColumnWidth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return ColumnWidth.Relative(reader.GetInt32());
        }

        var text = reader.GetString();
        return text switch
        {
            "auto" => ColumnWidth.Auto,
            "stretch" => ColumnWidth.Stretch,
            _ when text is not null && text.EndsWith("px", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var pixels) => ColumnWidth.FixedPixels(pixels),
            _ => throw new JsonException($"'{text}' is not a column width (auto, stretch, a number or NNpx)."),
        };
    }

    public override void Write(Utf8JsonWriter writer, ColumnWidth value, JsonSerializerOptions options)
    {
        if (value.Weight is { } weight)
        {
            writer.WriteNumberValue(weight);
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
