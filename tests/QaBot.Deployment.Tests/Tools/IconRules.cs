namespace QaBot.Deployment.Tests.Tools;

/// <summary>
/// What Teams requires of the app icons and the manifest schema cannot say: the colour icon is 192 x 192; the outline
/// icon is 32 x 32, white on a transparent background (Teams tints it for the app bar, so any other colour shows as a
/// smudge).
/// </summary>
internal static class IconRules
{
    public const int ColourSize = 192;

    public const int OutlineSize = 32;

    public static IReadOnlyList<string> CheckColour(IconImage image, string name)
    {
        var problems = new List<string>();
        if (image.Width != ColourSize || image.Height != ColourSize)
        {
            problems.Add($"{name}: the colour icon is {image.Width} x {image.Height}; Teams needs {ColourSize} x {ColourSize}.");
        }

        return problems;
    }

    public static IReadOnlyList<string> CheckOutline(IconImage image, string name)
    {
        var problems = new List<string>();
        if (image.Width != OutlineSize || image.Height != OutlineSize)
        {
            problems.Add($"{name}: the outline icon is {image.Width} x {image.Height}; Teams needs {OutlineSize} x {OutlineSize}.");
        }

        if (!image.HasAlpha)
        {
            problems.Add($"{name}: the outline icon has no alpha channel, so its background cannot be transparent.");
        }

        var pixels = image.Pixels().ToList();
        var notWhite = pixels.Where(p => p.Colour.Alpha > 0 && (p.Colour.Red != 255 || p.Colour.Green != 255 || p.Colour.Blue != 255)).ToList();
        if (notWhite.Count > 0)
        {
            var (x, y, colour) = notWhite[0];
            problems.Add(
                $"{name}: {notWhite.Count} visible pixel(s) are not white, the first at ({x}, {y}) is #{colour.Red:X2}{colour.Green:X2}{colour.Blue:X2}; the outline icon must be white only.");
        }

        var transparent = pixels.Count(p => p.Colour.Alpha == 0);
        if (transparent < pixels.Count / 3)
        {
            problems.Add($"{name}: only {transparent} of {pixels.Count} pixels are fully transparent; the background must be transparent.");
        }

        var corners = new[] { image[0, 0], image[image.Width - 1, 0], image[0, image.Height - 1], image[image.Width - 1, image.Height - 1] };
        if (corners.Any(c => c.Alpha != 0))
        {
            problems.Add($"{name}: a corner pixel is not transparent; the background must be transparent.");
        }

        if (pixels.All(p => p.Colour.Alpha < 128))
        {
            problems.Add($"{name}: the outline icon has no solid pixels: nothing would show.");
        }

        return problems;
    }
}
