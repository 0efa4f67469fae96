using System.Globalization;

namespace QaBot.AppIcons;

/// <summary>An 8-bit straight-alpha colour.</summary>
public readonly record struct RgbaColour(byte R, byte G, byte B, byte A)
{
    public static RgbaColour White { get; } = new(255, 255, 255, 255);

    public static RgbaColour TransparentWhite { get; } = new(255, 255, 255, 0);

    /// <summary>Parses "#RRGGBB", as used by the manifest's accentColor.</summary>
    public static RgbaColour FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 7 || hex[0] != '#')
        {
            throw new FormatException($"Colour '{hex}' is not in the form #RRGGBB.");
        }

        var value = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new RgbaColour((byte)(value >> 16), (byte)(value >> 8), (byte)value, 255);
    }

    /// <summary>Paints <paramref name="over"/> on top of this colour with the given coverage (0 to 1).</summary>
    public RgbaColour Blend(RgbaColour over, double coverage)
    {
        var k = Math.Clamp(coverage, 0, 1) * over.A / 255.0;
        return new RgbaColour(Mix(R, over.R, k), Mix(G, over.G, k), Mix(B, over.B, k), (byte)Math.Round(A + ((255 - A) * k)));
    }

    private static byte Mix(byte from, byte to, double k) => (byte)Math.Round(from + ((to - from) * k));
}
