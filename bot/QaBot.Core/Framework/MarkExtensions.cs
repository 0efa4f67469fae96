using YamlDotNet.Core;

namespace QaBot.Core.Framework;

internal static class MarkExtensions
{
    /// <summary>The 1-based line of a position in a YAML file.</summary>
    public static int LineNumber(this Mark mark) => (int)Math.Max(1, mark.Line);
}
