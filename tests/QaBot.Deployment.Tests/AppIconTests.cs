using QaBot.Deployment.Tests.Tools;
using SkiaSharp;

namespace QaBot.Deployment.Tests;

[Trait("Category", "Fast")]
public sealed class AppIconTests
{
    [Fact]
    public void ColourIcon_Committed_Is192Square()
    {
        using var icon = IconImage.Read(DeploymentFiles.ColourIcon);

        Assert.Empty(IconRules.CheckColour(icon, "color.png"));
        Assert.Equal((192, 192), (icon.Width, icon.Height));
    }

    [Fact]
    public void OutlineIcon_Committed_IsWhiteOnTransparent32Square()
    {
        using var icon = IconImage.Read(DeploymentFiles.OutlineIcon);

        Assert.Empty(IconRules.CheckOutline(icon, "outline.png"));
        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.True(icon.HasAlpha);
    }

    [Fact]
    public void OutlineCheck_GivenTheColourIcon_ReportsSizeColourAndBackground()
    {
        using var colour = IconImage.Read(DeploymentFiles.ColourIcon);

        var problems = IconRules.CheckOutline(colour, "color.png");

        Assert.Contains(problems, p => p.Contains("192 x 192", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not white", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("transparent", StringComparison.Ordinal));
    }

    [Fact]
    public void OutlineCheck_OneTintedPixel_IsRejectedWithItsPosition()
    {
        using var outline = IconImage.Read(DeploymentFiles.OutlineIcon);
        var (x, y, _) = outline.Pixels().First(p => p.Colour.Alpha == 255);
        using var tinted = outline.With(x, y, new SKColor(200, 200, 255, 255));

        var problems = IconRules.CheckOutline(tinted, "tinted");

        Assert.Contains(problems, p => p.Contains($"({x}, {y})", StringComparison.Ordinal) && p.Contains("not white", StringComparison.Ordinal));
    }

    [Fact]
    public void OutlineCheck_VisibleCorner_IsRejected()
    {
        using var outline = IconImage.Read(DeploymentFiles.OutlineIcon);
        using var cornered = outline.With(0, 0, SKColors.White);

        Assert.Contains(IconRules.CheckOutline(cornered, "cornered"), p => p.Contains("corner pixel is not transparent", StringComparison.Ordinal));
    }

    [Fact]
    public void ColourCheck_WrongSize_IsRejected()
    {
        using var outline = IconImage.Read(DeploymentFiles.OutlineIcon);

        var problems = IconRules.CheckColour(outline, "outline.png");

        Assert.Contains(problems, p => p.Contains("32 x 32", StringComparison.Ordinal));
    }

    [Fact]
    public void IconImage_NotAPng_IsReportedWithTheSource()
    {
        var error = Assert.Throws<InvalidDataException>(() => IconImage.Decode("GIF89a..."u8.ToArray(), "logo.gif"));

        Assert.Contains("logo.gif", error.Message, StringComparison.Ordinal);
    }
}
