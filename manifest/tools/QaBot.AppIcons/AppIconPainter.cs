namespace QaBot.AppIcons;

/// <summary>
/// QaBot's symbol: a chat bubble holding a tick, for "a message that asks you to do something, and where you say it
/// is done". The colour icon shows it in white on the accent colour; the outline icon traces it in white on a
/// transparent background, as Teams requires for the app bar.
/// </summary>
public static class AppIconPainter
{
    /// <summary>The manifest's accentColor and the colour icon's background.</summary>
    public const string AccentColour = "#155E75";

    public const int ColourSize = 192;

    public const int OutlineSize = 32;

    // The symbol is drawn in its own unit square and placed inside each icon's frame.
    private static readonly Vector2D BodyTopLeft = new(0.0, 0.04);
    private static readonly Vector2D BodyBottomRight = new(1.0, 0.76);
    private const double BodyCornerRadius = 0.2;
    private static readonly Vector2D[] Tail = [new(0.16, 0.66), new(0.12, 0.98), new(0.46, 0.72)];
    private static readonly Vector2D[] Tick = [new(0.27, 0.41), new(0.43, 0.56), new(0.74, 0.24)];

    public static byte[] PaintColourPng() => PngEncoder.Encode(PaintColour());

    public static byte[] PaintOutlinePng() => PngEncoder.Encode(PaintOutline());

    public static Raster PaintColour()
    {
        var accent = RgbaColour.FromHex(AccentColour);
        var raster = new Raster(ColourSize, accent);

        // Teams crops the colour icon to a rounded square, so the symbol keeps to the middle 60%.
        var frame = new Frame(0.2, 0.22, 0.6);
        raster.Paint(p => Bubble(frame.ToSymbol(p)) * frame.Scale, RgbaColour.White);
        raster.Paint(p => SignedDistance.Stroke(frame.ToSymbol(p), Tick, 0.065) * frame.Scale, accent);
        return raster;
    }

    public static Raster PaintOutline()
    {
        var raster = new Raster(OutlineSize, RgbaColour.TransparentWhite);

        // One pixel of margin at 32 x 32; lines about two pixels wide so that they read in the app bar.
        var frame = new Frame(1.0 / 32, 1.5 / 32, 30.0 / 32);
        var lineHalfWidth = 1.0 / 30;
        raster.Paint(
            p => SignedDistance.Outline(Bubble(frame.ToSymbol(p)) + lineHalfWidth, lineHalfWidth) * frame.Scale,
            RgbaColour.White);
        raster.Paint(p => SignedDistance.Stroke(frame.ToSymbol(p), Tick, 1.3 / 30) * frame.Scale, RgbaColour.White);
        return raster;
    }

    private static double Bubble(Vector2D p) => SignedDistance.Union(
        SignedDistance.RoundedRectangle(p, BodyTopLeft, BodyBottomRight, BodyCornerRadius),
        SignedDistance.Polygon(p, Tail));

    /// <summary>Where the symbol's unit square sits in the icon, in the icon's unit coordinates.</summary>
    private readonly record struct Frame(double Left, double Top, double Scale)
    {
        public Vector2D ToSymbol(Vector2D p) => new((p.X - Left) / Scale, (p.Y - Top) / Scale);
    }
}
