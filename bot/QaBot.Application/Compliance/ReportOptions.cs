namespace QaBot.Application.Compliance;

/// <summary>The <c>Reports</c> settings.</summary>
public sealed record ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Rates resting on fewer items than this are withheld from elected members' reports (default 10).</summary>
    public int MinimumBase { get; init; } = 10;

    /// <summary>
    /// The reasons people choose from when an item does not apply, code to wording; empty for
    /// <see cref="Compliance.NotApplicableReasons.Defaults"/>. <c>other</c>, with a note, is always offered.
    /// </summary>
    public Dictionary<string, string>? NotApplicableReasons { get; init; }
}
