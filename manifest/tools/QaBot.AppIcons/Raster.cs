namespace QaBot.AppIcons;

/// <summary>A square RGBA image that shapes are painted onto with anti-aliased edges.</summary>
public sealed class Raster
{
    // 8 x 8 samples per pixel: smooth edges even at 32 x 32, and the same result on every machine.
    private const int SamplesPerAxis = 8;

    private readonly RgbaColour[] _pixels;

    public Raster(int size, RgbaColour background)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _pixels = Enumerable.Repeat(background, size * size).ToArray();
    }

    public int Size { get; }

    public RgbaColour this[int x, int y] => _pixels[(y * Size) + x];

    /// <summary>
    /// Paints a shape given by its signed distance in unit coordinates (0 to 1 across the image): each pixel is
    /// covered by the share of its samples that fall inside the shape.
    /// </summary>
    public void Paint(Func<Vector2D, double> shape, RgbaColour colour)
    {
        ArgumentNullException.ThrowIfNull(shape);
        const int samples = SamplesPerAxis * SamplesPerAxis;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var inside = 0;
                for (var sy = 0; sy < SamplesPerAxis; sy++)
                {
                    for (var sx = 0; sx < SamplesPerAxis; sx++)
                    {
                        var point = new Vector2D(
                            (x + ((sx + 0.5) / SamplesPerAxis)) / Size,
                            (y + ((sy + 0.5) / SamplesPerAxis)) / Size);
                        if (shape(point) <= 0)
                        {
                            inside++;
                        }
                    }
                }

                if (inside > 0)
                {
                    var index = (y * Size) + x;
                    _pixels[index] = _pixels[index].Blend(colour, inside / (double)samples);
                }
            }
        }
    }

    /// <summary>The pixels as bytes, row by row, four bytes (R, G, B, A) a pixel.</summary>
    public byte[] ToRgbaBytes()
    {
        var bytes = new byte[_pixels.Length * 4];
        for (var i = 0; i < _pixels.Length; i++)
        {
            bytes[i * 4] = _pixels[i].R;
            bytes[(i * 4) + 1] = _pixels[i].G;
            bytes[(i * 4) + 2] = _pixels[i].B;
            bytes[(i * 4) + 3] = _pixels[i].A;
        }

        return bytes;
    }
}
