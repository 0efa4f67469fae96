namespace QaBot.Core.Framework;

/// <summary>
/// Where a catalogue entry stands in the council's framework document, so a reader can find it:
/// the section (e.g. "3.0"), the role as the table names it, and the task line within that role (1-based).
/// </summary>
public sealed record SourceRow(string Section, string Role, int Line)
{
    public override string ToString() => $"§{Section} / {Role} / line {Line}";
}
