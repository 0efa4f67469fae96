using QaBot.Application.Reports;

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

    /// <summary>How many months a line manager's digest looks back over for items their team set aside (default 6).</summary>
    public int NotApplicableLookbackMonths { get; init; } = 6;

    /// <summary>
    /// How many times one person may set one duty's items aside in those months before the manager's digest flags it as
    /// repeated use (default 2: the second time is flagged).
    /// </summary>
    public int RepeatedNotApplicable { get; init; } = 2;

    /// <summary>The Teams channels the monthly performance report is posted to, each with its area and audience.</summary>
    public List<ReportChannelOptions> Channels { get; init; } = [];

    /// <summary>The council's local time from which the monthly report goes out on the first working day (default 09:00).</summary>
    public TimeSpan MonthlyReportTime { get; init; } = TimeSpan.FromHours(9);
}
