namespace QaBot.Core.Compliance;

/// <summary>How a compliance report breaks its figures down.</summary>
public enum ComplianceGrouping
{
    /// <summary>By the areas one level below the area asked about, duty and month.</summary>
    Area,

    /// <summary>By duty and month, for the area asked about as a whole.</summary>
    Duty,

    /// <summary>By month, every duty together, for the area asked about as a whole.</summary>
    Month,

    /// <summary>By the areas one level below the area asked about and month, every duty together (the monthly report's chart).</summary>
    AreaTotal,
}
