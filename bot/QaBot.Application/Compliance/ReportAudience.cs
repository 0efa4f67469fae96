namespace QaBot.Application.Compliance;

/// <summary>Who a compliance report is for, which decides what it may show.</summary>
public enum ReportAudience
{
    /// <summary>Officers: every figure.</summary>
    Officers,

    /// <summary>Elected members: counts and rates only, small numbers suppressed (docs/compliance.md).</summary>
    Members,
}
