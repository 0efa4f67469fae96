namespace QaBot.Core.Framework;

/// <summary>
/// The council's readings of the framework's ambiguous frequency words, from the catalogue's <c>settings</c>:
/// how to read "bi-monthly", and the yearly count of each programme (<see cref="ProgrammeSettings"/>).
/// </summary>
public sealed record FrequencySettings(BiMonthlyReading BiMonthly, IReadOnlyDictionary<string, int> ProgrammesPerYear);
