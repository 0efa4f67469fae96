using QaBot.AppIcons;
using QaBot.Deployment.Tests.Tools;

namespace QaBot.Deployment.Tests;

[Trait("Category", "Fast")]
public sealed class AppIconTests
{
    [Fact]
    public void ColourIcon_Committed_Is192Square()
    {
        var icon = PngImage.Read(DeploymentFiles.ColourIcon);

        Assert.Empty(IconRules.CheckColour(icon, "color.png"));
        Assert.Equal((192, 192), (icon.Width, icon.Height));
    }

    [Fact]
    public void OutlineIcon_Committed_IsWhiteOnTransparent32Square()
    {
        var icon = PngImage.Read(DeploymentFiles.OutlineIcon);

        Assert.Empty(IconRules.CheckOutline(icon, "outline.png"));
        Assert.Equal((32, 32), (icon.Width, icon.Height));
    }

    [Fact]
    public void Icons_RegeneratedByTheScript_MatchTheCommittedPixels()
    {
        AssertSamePixels(PngImage.Read(DeploymentFiles.ColourIcon), PngImage.Decode(AppIconPainter.PaintColourPng(), "generated colour icon"));
        AssertSamePixels(PngImage.Read(DeploymentFiles.OutlineIcon), PngImage.Decode(AppIconPainter.PaintOutlinePng(), "generated outline icon"));
    }

    [Fact]
    public void OutlineCheck_GivenTheColourIcon_ReportsSizeColourAndBackground()
    {
        var problems = IconRules.CheckOutline(PngImage.Read(DeploymentFiles.ColourIcon), "color.png");

        Assert.Contains(problems, p => p.Contains("192 x 192", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not white", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("transparent", StringComparison.Ordinal));
    }

    [Fact]
    public void OutlineCheck_OneTintedPixel_IsRejectedWithItsPosition()
    {
        var raster = AppIconPainter.PaintOutline();
        var tinted = new Raster(32, RgbaColour.TransparentWhite);
        tinted.Paint(p => raster[(int)(p.X * 32), (int)(p.Y * 32)].A > 0 ? -1 : 1, RgbaColour.White);
        tinted.Paint(p => p.X is > 16 / 32.0 and < 17 / 32.0 && p.Y is > 5 / 32.0 and < 6 / 32.0 ? -1 : 1, new RgbaColour(200, 200, 255, 255));

        var problems = IconRules.CheckOutline(PngImage.Decode(PngEncoder.Encode(tinted), "tinted"), "tinted");

        Assert.Contains(problems, p => p.Contains("(16, 5)", StringComparison.Ordinal) && p.Contains("not white", StringComparison.Ordinal));
    }

    [Fact]
    public void ColourCheck_WrongSize_IsRejected()
    {
        var problems = IconRules.CheckColour(PngImage.Read(DeploymentFiles.OutlineIcon), "outline.png");

        Assert.Contains(problems, p => p.Contains("32 x 32", StringComparison.Ordinal));
    }

    [Fact]
    public void PngImage_NotAPng_IsReportedWithTheSource()
    {
        var error = Assert.Throws<InvalidDataException>(() => PngImage.Decode("GIF89a..."u8.ToArray(), "logo.gif"));

        Assert.Contains("logo.gif", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSamePixels(PngImage committed, PngImage generated)
    {
        Assert.Equal((committed.Width, committed.Height), (generated.Width, generated.Height));
        var differing = committed.Pixels().Zip(generated.Pixels()).Count(pair => pair.First != pair.Second);
        Assert.True(differing == 0, $"{differing} pixels differ: regenerate the icons with manifest/tools/QaBot.AppIcons (see manifest/README.md).");
    }
}
