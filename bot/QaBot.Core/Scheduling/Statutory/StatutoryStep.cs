namespace QaBot.Core.Scheduling.Statutory;

/// <summary>One link of a statutory chain: "no more than <see cref="Within"/> after the event or the previous one".</summary>
/// <param name="Repeats">The step applies again to every later deadline (while <see cref="RepeatUntil"/> allows).</param>
/// <param name="RepeatUntil">A repeating step stops applying once its next deadline would fall later than this long after the event.</param>
/// <param name="ExtendableTo">Where the rules allow an extension (complaints), the longest it may be: applied only when an extension is recorded for the case.</param>
public sealed record StatutoryStep(
    StatutoryInterval Within,
    StepAnchor After,
    bool Repeats,
    StatutoryInterval? RepeatUntil,
    StatutoryInterval? ExtendableTo);

public enum StepAnchor
{
    /// <summary>Counted from the event that starts the chain.</summary>
    Event,

    /// <summary>Counted from the previous link: the date it was held when recorded, otherwise its deadline.</summary>
    Previous,
}
