namespace QaBot.Core.Framework;

/// <summary>What a single duty or body says about its own rhythm, on top of the catalogue-wide settings.</summary>
/// <param name="BiMonthly">Reads this entry's "bi-monthly" differently from the catalogue setting.</param>
/// <param name="PerYear">This entry's own count for a programme frequency.</param>
/// <param name="StatutoryRules">The statutory rules a statutory frequency follows.</param>
public sealed record FrequencyOverrides(
    BiMonthlyReading? BiMonthly = null,
    int? PerYear = null,
    IReadOnlyList<string>? StatutoryRules = null)
{
    public static readonly FrequencyOverrides None = new();
}
