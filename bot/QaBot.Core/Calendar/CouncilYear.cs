namespace QaBot.Core.Calendar;

/// <summary>One year of a given basis: "2025" (calendar), "2025/26" (financial or municipal).</summary>
public sealed record CouncilYear(YearBasis Basis, int StartYear, DateOnly Start, DateOnly End, string Label);
