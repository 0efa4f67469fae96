namespace QaBot.Core.Framework;

/// <summary>The outcome of reading a frequency phrase: a rhythm (and how any ambiguous word was read), or the problems.</summary>
public sealed record FrequencyParseResult(Rhythm? Rhythm, string? Interpretation, IReadOnlyList<FrequencyProblem> Problems)
{
    public bool IsSuccess => Rhythm is not null && Problems.Count == 0;
}
