namespace QaBot.Core.Framework;

/// <summary>
/// How the catalogue reads the word "bi-monthly", which dictionaries give both ways. The framework writes
/// "Two per month" when it means twice a month, so <see cref="EveryTwoMonths"/> is the default.
/// </summary>
public enum BiMonthlyReading
{
    EveryTwoMonths,
    TwiceAMonth,
}
