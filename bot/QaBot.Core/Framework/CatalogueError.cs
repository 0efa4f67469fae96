namespace QaBot.Core.Framework;

/// <summary>
/// One problem in a catalogue file: where it is (file, line and column, and the YAML path), which field, and what is
/// wrong. Lines and columns count from 1.
/// </summary>
/// <param name="Path">The YAML path of the entry, e.g. <c>duties[12]</c>; empty for the file as a whole.</param>
/// <param name="Field">The field at fault, e.g. <c>frequency</c>; empty when the problem is the entry or the file itself.</param>
public sealed record CatalogueError(string File, int Line, int Column, string Path, string Field, string Message)
{
    public override string ToString()
    {
        var where = (Path, Field) switch
        {
            ("", "") => string.Empty,
            ("", _) => $"{Field}: ",
            (_, "") => $"{Path}: ",
            _ => $"{Path}.{Field}: ",
        };
        return $"{File}:{Line}:{Column}: {where}{Message}";
    }
}
