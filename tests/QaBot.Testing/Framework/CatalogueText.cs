using Xunit;

namespace QaBot.Testing.Framework;

/// <summary>A small valid catalogue for the loader's tests, and helpers to break it in one place.</summary>
public static class CatalogueText
{
    public const string FileName = "council-framework.yaml";

    public const string Valid = """
        version: 1
        settings:
          biMonthly: every-two-months
          programmes:
            annual-programme-of-visits: 4
        statutoryRules:
          - id: cla-review
            description: Looked-after child's review.
        roles:
          - id: team-manager
            name: Team Managers
          - id: all-staff
            name: All staff
        generalDuties:
          - id: all-managers-core
            appliesTo: All managers
            text: All managers are expected to provide regular, high quality supervision.
            sourceRow: { section: "3.0", role: "All managers", line: 1 }
        duties:
          - id: team-manager-supervision
            role: team-manager
            task: 1-2-1 Supervisions
            frequency: Monthly
            purpose: Monitor performance
            perReport: true
            sourceRow: { section: "3.0", role: "Team Managers", line: 1 }
          - id: team-manager-reflective-case-review
            role: team-manager
            task: Undertake bi-monthly manager reflective case review
            frequency: Bi-monthly
            purpose: Monitor practice standards
            sourceRow: { section: "3.0", role: "Team Managers", line: 2 }
          - id: staff-supervision
            role: all-staff
            task: Participate in regular supervision
            frequency: As set out in the relevant policies
            purpose: Ensure everyone has clear objectives and support
            metBy: [team-manager-supervision]
            sourceRow: { section: "3.0", role: "All staff", line: 1 }
        bodyLevels:
          - id: strategic-assurance
            name: Strategic Assurance
        bodyGroups:
          - id: top-level-boards
            name: Top-level Boards
            level: strategic-assurance
        bodies:
          - id: qa-board
            name: QA & Transformation Board
            group: top-level-boards
            chair: null
            frequency: null
        """;

    /// <summary>The valid catalogue with one piece of text replaced (which must be there exactly once).</summary>
    public static string With(string find, string replace)
    {
        var first = Valid.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{find}' is not in the test catalogue");
        Assert.Equal(-1, Valid.IndexOf(find, first + 1, StringComparison.Ordinal));
        return string.Concat(Valid.AsSpan(0, first), replace, Valid.AsSpan(first + find.Length));
    }

    /// <summary>The 1-based line of the first occurrence of some text.</summary>
    public static int LineOf(string yaml, string text)
    {
        var index = yaml.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' is not in the catalogue text");
        return yaml.AsSpan(0, index).Count('\n') + 1;
    }
}
