using QaBot.Core.Framework;
using QaBot.Testing.Data;

namespace QaBot.Testing.Framework;

/// <summary>
/// The next version of the shipped framework (version 3), as a QA team might write it: effective 1 April 2027, the executive
/// director's casework sampling quarterly instead of monthly, the elected members' Big Conversation removed, a new
/// quarterly duty for team managers, and the wording of one purpose tidied.
/// </summary>
public static class NextFramework
{
    public static readonly DateOnly EffectiveFrom = new(2027, 4, 1);

    public static readonly DutyId RhythmChanged = new("exec-director-casework-sampling");

    public static readonly DutyId Removed = new("member-big-conversation");

    public static readonly DutyId Added = new("team-manager-practice-week");

    public static string Text()
    {
        var text = File.ReadAllText(ShippedData.CatalogueFile);
        text = Replace(text, "version: 2\neffectiveFrom: 2027-01-01\n", "version: 3\neffectiveFrom: 2027-04-01\n");
        text = Replace(text, "    task: Regular sampling of casework\n    frequency: Monthly\n", "    task: Regular sampling of casework\n    frequency: Quarterly\n");
        var start = text.IndexOf("  - id: member-big-conversation\n", StringComparison.Ordinal);
        var end = text.IndexOf("  - id: member-corporate-parenting-takeover\n", StringComparison.Ordinal);
        text = text.Remove(start, end - start);
        text = Replace(text, "  - id: member-corporate-parenting-takeover\n", """
              - id: team-manager-practice-week
                role: team-manager
                task: Take part in the practice week
                frequency: Quarterly
                purpose: Learn from practice across the service
                sourceRow: { section: "3.0", role: "Team Managers", line: 99 }

              - id: member-corporate-parenting-takeover

            """.Replace("            ", string.Empty, StringComparison.Ordinal).TrimStart('\n'));
        text = Replace(text, "    purpose: Ensure ‘line of sight’ into quality of social work practice\n", "    purpose: Ensure a ‘line of sight’ into the quality of social work practice\n");
        return text;
    }

    public static FrameworkCatalogue Catalogue()
    {
        var result = FrameworkCatalogueLoader.Load(Text(), "framework-v3.yaml");
        return result.IsValid ? result.Catalogue! : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    private static string Replace(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return at < 0 ? throw new InvalidOperationException($"The shipped framework no longer contains: {old}") : text.Remove(at, old.Length).Insert(at, replacement);
    }
}
