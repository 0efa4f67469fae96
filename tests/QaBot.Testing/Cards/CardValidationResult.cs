namespace QaBot.Testing.Cards;

/// <summary>What the official Adaptive Cards parser said about one card: nothing, when it passed.</summary>
public sealed record CardValidationResult(string Name, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}
