namespace QaBot.Core.Framework;

/// <summary>Which part of an entry a frequency problem is about: the phrase itself or one of the entry's overrides.</summary>
public enum FrequencyField
{
    Phrase,
    BiMonthly,
    PerYear,
    StatutoryRules,
}

/// <summary>Why a frequency could not be read.</summary>
public sealed record FrequencyProblem(FrequencyField Field, string Message);

/// <summary>The outcome of reading a frequency phrase: a rhythm (and how any ambiguous word was read), or the problems.</summary>
public sealed record FrequencyParseResult(Rhythm? Rhythm, string? Interpretation, IReadOnlyList<FrequencyProblem> Problems)
{
    public bool IsSuccess => Rhythm is not null && Problems.Count == 0;
}
