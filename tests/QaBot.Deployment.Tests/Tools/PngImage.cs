using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>
/// A PNG decoded to 8-bit RGBA pixels, written independently of the icon generator so that the icon checks do not
/// trust the code that drew the icons. Reads 8-bit greyscale, truecolour, palette (with tRNS) and alpha images
/// without interlacing, which covers what icon editors export; anything else is reported, not guessed at.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte colourType, byte[] rgba)
    {
        Width = width;
        Height = height;
        ColourType = colourType;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGBA.</summary>
    public byte ColourType { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 4;
            return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
        }
    }

    public IEnumerable<(int X, int Y, byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b, a) = this[x, y];
                yield return (x, y, r, g, b, a);
            }
        }
    }

    public static PngImage Read(string path) => Decode(File.ReadAllBytes(path), path);

    public static PngImage Decode(byte[] bytes, string source)
    {
        if (bytes.Length < Signature.Length || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{source}: not a PNG file (the signature is missing).");
        }

        int width = 0, height = 0;
        byte bitDepth = 0, colourType = 0, interlace = 0;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        using var idat = new MemoryStream();
        var offset = Signature.Length;
        while (offset + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            if (length < 0 || offset + 12 + length > bytes.Length)
            {
                throw new InvalidDataException($"{source}: chunk {type} at byte {offset} runs past the end of the file.");
            }

            var data = bytes.AsSpan(offset + 8, length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length));
            if (storedCrc != Crc32(bytes.AsSpan(offset + 4, length + 4)))
            {
                throw new InvalidDataException($"{source}: chunk {type} at byte {offset} has a bad checksum.");
            }

            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colourType = data[9];
                    interlace = data[12];
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    paletteAlpha = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                default:
                    break;
            }

            offset += 12 + length;
            if (type == "IEND")
            {
                break;
            }
        }

        if (width <= 0 || height <= 0)
        {
            throw new InvalidDataException($"{source}: no image header (IHDR).");
        }

        if (bitDepth != 8 || interlace != 0)
        {
            throw new InvalidDataException(
                $"{source}: bit depth {bitDepth}, interlace {interlace}: only 8-bit, non-interlaced PNGs are read here; re-export the icon as 8-bit RGBA.");
        }

        var channels = colourType switch
        {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"{source}: unknown PNG colour type {colourType}."),
        };
        if (colourType == 3 && palette is null)
        {
            throw new InvalidDataException($"{source}: a palette image without a palette (PLTE).");
        }

        var raw = Unfilter(Inflate(idat.ToArray()), width, height, channels, source);
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            var p = i * channels;
            (byte r, byte g, byte b, byte a) = colourType switch
            {
                0 => (raw[p], raw[p], raw[p], (byte)255),
                2 => (raw[p], raw[p + 1], raw[p + 2], (byte)255),
                3 => (palette![raw[p] * 3], palette[(raw[p] * 3) + 1], palette[(raw[p] * 3) + 2],
                    paletteAlpha is not null && raw[p] < paletteAlpha.Length ? paletteAlpha[raw[p]] : (byte)255),
                4 => (raw[p], raw[p], raw[p], raw[p + 1]),
                _ => (raw[p], raw[p + 1], raw[p + 2], raw[p + 3]),
            };
            rgba[i * 4] = r;
            rgba[(i * 4) + 1] = g;
            rgba[(i * 4) + 2] = b;
            rgba[(i * 4) + 3] = a;
        }

        return new PngImage(width, height, colourType, rgba);
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unfilter(byte[] data, int width, int height, int bytesPerPixel, string source)
    {
        var stride = width * bytesPerPixel;
        if (data.Length != (stride + 1) * height)
        {
            throw new InvalidDataException($"{source}: image data is {data.Length} bytes, expected {(stride + 1) * height}.");
        }

        var result = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = data[(y * (stride + 1)) + 1 + x];
                var left = x >= bytesPerPixel ? result[(y * stride) + x - bytesPerPixel] : 0;
                var up = y > 0 ? result[((y - 1) * stride) + x] : 0;
                var upLeft = x >= bytesPerPixel && y > 0 ? result[((y - 1) * stride) + x - bytesPerPixel] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"{source}: row {y} has unknown filter type {filter}."),
                };
                result[(y * stride) + x] = (byte)(value + predicted);
            }
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
