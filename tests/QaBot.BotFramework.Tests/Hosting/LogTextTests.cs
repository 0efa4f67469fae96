using QaBot.BotFramework.Hosting;

namespace QaBot.BotFramework.Tests.Hosting;

[Trait("Category", "Fast")]
public sealed class LogTextTests
{
    [Theory]
    [InlineData(null, "-")]
    [InlineData("", "-")]
    [InlineData("message", "message")]
    [InlineData("made-up\r\n2026-12-04 info: forged", "made-up??2026-12-04 info: forged")]
    [InlineData("tab\tand\u2028separator", "tab?and?separator")]
    public void Safe_CallerChosenValue_PrintableAsciiOnly(string? value, string expected)
    {
        Assert.Equal(expected, LogText.Safe(value));
    }

    [Fact]
    public void Safe_LongValue_CutAndMarked()
    {
        var safe = LogText.Safe(new string('a', 1000));

        Assert.Equal(LogText.MaxLength + 3, safe.Length);
        Assert.EndsWith("...", safe, StringComparison.Ordinal);
    }
}
