using System.Text;
using Xunit;

namespace QaBot.Testing.Cards;

/// <summary>One-line assertions that cards pass the official Adaptive Cards parser with zero validation events.</summary>
public static class CardAssert
{
    /// <summary>Fails with every problem the parser found, or passes.</summary>
    public static void PassesOfficialParser(string cardJson, string name = "card") =>
        AllPassOfficialParser([(name, cardJson)]);

    /// <summary>Checks all the cards in one batch and fails listing every card that did not pass.</summary>
    public static void AllPassOfficialParser(IEnumerable<(string Name, string Json)> cards)
    {
        var failures = AdaptiveCardValidator.Shared.Validate(cards).Where(r => !r.Passed).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(failures.Count).AppendLine(" card(s) failed the official Adaptive Cards parser:");
        foreach (var failure in failures)
        {
            message.Append("  ").Append(failure.Name).AppendLine(":");
            foreach (var problem in failure.Problems)
            {
                message.Append("    - ").AppendLine(problem);
            }
        }

        Assert.Fail(message.ToString());
    }
}
