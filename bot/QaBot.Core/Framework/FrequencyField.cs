namespace QaBot.Core.Framework;

/// <summary>Which part of an entry a frequency problem is about: the phrase itself or one of the entry's overrides.</summary>
public enum FrequencyField
{
    Phrase,
    BiMonthly,
    PerYear,
    StatutoryRules,
}
