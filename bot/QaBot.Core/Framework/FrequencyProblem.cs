namespace QaBot.Core.Framework;

/// <summary>Why a frequency could not be read.</summary>
public sealed record FrequencyProblem(FrequencyField Field, string Message);
