using SkiaSharp;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>A PNG icon's pixels, read with SkiaSharp and kept unpremultiplied, so every colour is as the file stores it.</summary>
internal sealed class IconImage : IDisposable
{
    private readonly SKBitmap _bitmap;

    private IconImage(SKBitmap bitmap, bool hasAlpha)
    {
        _bitmap = bitmap;
        HasAlpha = hasAlpha;
    }

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    /// <summary>Whether the file has an alpha channel at all (an RGB PNG cannot have a transparent background).</summary>
    public bool HasAlpha { get; }

    public SKColor this[int x, int y] => _bitmap.GetPixel(x, y);

    public static IconImage Read(string path) => Decode(File.ReadAllBytes(path), path);

    public static IconImage Decode(byte[] bytes, string source)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            throw new InvalidDataException($"{source} is not a PNG image.");
        }

        var hasAlpha = codec.Info.AlphaType != SKAlphaType.Opaque;
        var bitmap = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(hasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque))
            ?? throw new InvalidDataException($"{source} could not be decoded.");
        return new IconImage(bitmap, hasAlpha);
    }

    public IEnumerable<(int X, int Y, SKColor Colour)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                yield return (x, y, _bitmap.GetPixel(x, y));
            }
        }
    }

    /// <summary>A copy with one pixel changed.</summary>
    public IconImage With(int x, int y, SKColor colour)
    {
        var copy = _bitmap.Copy();
        copy.SetPixel(x, y, colour);
        return new IconImage(copy, HasAlpha);
    }

    public void Dispose() => _bitmap.Dispose();
}
