using System.Text;
using System.Text.RegularExpressions;

namespace QaBot.Conversations.Turns;

/// <summary>
/// Reads what people type, forgiving of case, punctuation, curly apostrophes and wording: "What's overdue in my
/// area?", "overdue in Chesterfield", "show me my tasks", "due this week". The area named is only what they asked
/// for; what they may see is decided from the directory.
/// </summary>
public static partial class IntentReader
{
    /// <summary>
    /// The longest area name read from a message. Finding the area costs text length × name length × areas in edit
    /// distance, so a 28 KB "overdue in ..." would cost seconds; no area's name comes near this length.
    /// </summary>
    public const int MaxAreaLength = 200;

    private static readonly string[] SelfWords =
    [
        "my area", "my areas", "my team", "my teams", "my service", "my services", "my division", "my department",
        "my locality", "my localities", "me", "mine", "my staff", "my people", "us", "our area", "our team",
    ];

    public static MessageIntent Read(string? text)
    {
        var words = Normalise(text);
        if (words.Length == 0)
        {
            return new MessageIntent(MessageIntentKind.Help);
        }

        var howIsAreaDoing = HowIsAreaDoing().Match(words);
        if (howIsAreaDoing.Success || Contains(words, "how are we doing") || Contains(words, "how are we getting on") || Contains(words, "compliance")
            || Contains(words, "on time") || Contains(words, "performance") || Contains(words, "how did we do"))
        {
            return Compliance(words);
        }

        if (Contains(words, "learning days") || Contains(words, "learning day") || Contains(words, "practice learning"))
        {
            return new MessageIntent(MessageIntentKind.LearningDays);
        }

        if (Contains(words, "arrange an audit") || Contains(words, "arrange audit") || Contains(words, "new audit") || Contains(words, "create an audit")
            || Contains(words, "set up an audit") || Contains(words, "start an audit") || Contains(words, "plan an audit"))
        {
            return new MessageIntent(MessageIntentKind.ArrangeAudit);
        }

        if (Contains(words, "audits") || Contains(words, "audit") || Contains(words, "audits in progress") || Contains(words, "case audits"))
        {
            return new MessageIntent(MessageIntentKind.Audits);
        }

        if (Contains(words, "programme") || Contains(words, "program") || Contains(words, "plan my visits") || Contains(words, "plan visits") || Contains(words, "my visits"))
        {
            return new MessageIntent(MessageIntentKind.Programme);
        }

        if (Contains(words, "my cases") || Contains(words, "caseload") || Contains(words, "my caseload") || Contains(words, "cases"))
        {
            return new MessageIntent(MessageIntentKind.MyCases);
        }

        if (Contains(words, "overdue") || Contains(words, "late") || Contains(words, "behind"))
        {
            return new MessageIntent(MessageIntentKind.Overdue, AreaOf(words));
        }

        if (Contains(words, "themes") || Contains(words, "theme") || Contains(words, "case reviews") || Contains(words, "rcrs") || Contains(words, "reviews this quarter")
            || Contains(words, "reviews last quarter") || Contains(words, "judgements"))
        {
            var last = Contains(words, "last quarter") || Contains(words, "previous quarter");
            return new MessageIntent(MessageIntentKind.Reviews) { ReviewPeriod = last ? Application.Assurance.ReviewPeriod.LastQuarter : Application.Assurance.ReviewPeriod.ThisQuarter };
        }

        if (Contains(words, "leave") || Contains(words, "absence") || Contains(words, "acting up") || Contains(words, "covering"))
        {
            return new MessageIntent(MessageIntentKind.Leave);
        }

        if (Contains(words, "log") || words.StartsWith("record ", StringComparison.Ordinal) || Contains(words, "log activity"))
        {
            return new MessageIntent(MessageIntentKind.LogActivity);
        }

        if (Contains(words, "this week") || Contains(words, "week"))
        {
            return new MessageIntent(MessageIntentKind.DueThisWeek);
        }

        if (Contains(words, "task") || Contains(words, "tasks") || Contains(words, "due") || Contains(words, "todo")
            || Contains(words, "to do") || Contains(words, "reminders") || Contains(words, "outstanding") || Contains(words, "my items") || Contains(words, "what do i need"))
        {
            return new MessageIntent(MessageIntentKind.MyTasks);
        }

        if (Contains(words, "help") || Contains(words, "hello") || Contains(words, "hi") || Contains(words, "hey")
            || Contains(words, "what can you do") || Contains(words, "commands") || Contains(words, "start") || words == "?")
        {
            return new MessageIntent(MessageIntentKind.Help);
        }

        return new MessageIntent(MessageIntentKind.Unknown);
    }

    /// <summary>
    /// "how is Chesterfield doing on supervision", "compliance for my area last quarter", "how did we do last month":
    /// the period words come off first, then the duty after "doing on" (or "on" at the end), then the area.
    /// </summary>
    private static MessageIntent Compliance(string words)
    {
        var period = Contains(words, "last quarter") || Contains(words, "previous quarter") || Contains(words, "the quarter")
            ? Application.Compliance.CompliancePeriod.LastQuarter
            : Application.Compliance.CompliancePeriod.LastMonth;
        var rest = PeriodWords().Replace(words, " ").Trim();
        rest = Spaces().Replace(rest, " ");

        var named = HowIsAreaDoing().Match(rest);
        string? duty = null;
        var onDuty = DutyPhrase().Match(rest);
        if (onDuty.Success)
        {
            duty = Clip(onDuty.Groups["duty"].Value);
            rest = rest[..onDuty.Index].Trim();
        }

        var area = named.Success ? Clip(named.Groups["area"].Value) : AreaOf(rest);
        if (area is not null && (SelfWords.Contains(area, StringComparer.Ordinal) || area is "we" or "you" or "things" or "it" or "everyone"))
        {
            area = null;
        }

        return new MessageIntent(MessageIntentKind.Compliance, area, duty, period);
    }

    private static string? Clip(string text)
    {
        var clipped = TrailingNoise().Replace(text.Trim(), string.Empty).Trim();
        if (clipped.StartsWith("the ", StringComparison.Ordinal))
        {
            clipped = clipped[4..];
        }

        clipped = clipped.Length > MaxAreaLength ? clipped[..MaxAreaLength].Trim() : clipped;
        return clipped.Length == 0 ? null : clipped;
    }

    /// <summary>Lower case, straight apostrophes, letters, digits, apostrophes, '&amp;', '&gt;' and single spaces only.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            var ch = c is '\u2019' or '\u2018' or '`' ? '\'' : c;
            builder.Append(char.IsLetterOrDigit(ch) || ch is '\'' or '&' or '>' or ':' or '?' ? ch : ' ');
        }

        var collapsed = Spaces().Replace(builder.ToString(), " ").Trim();
        return collapsed == "?" ? collapsed : collapsed.Replace("?", string.Empty, StringComparison.Ordinal).Trim();
    }

    /// <summary>The area after "in", "for", "at" or "across" in an overdue question, unless it is the person's own ("my area", "my team").</summary>
    private static string? AreaOf(string words)
    {
        var match = AreaPhrase().Match(words);
        if (!match.Success)
        {
            return null;
        }

        var area = match.Groups["area"].Value.Trim().TrimEnd(':').Trim();
        area = TrailingNoise().Replace(area, string.Empty).Trim();
        if (area.StartsWith("the ", StringComparison.Ordinal))
        {
            area = area[4..];
        }

        if (area.Length > MaxAreaLength)
        {
            area = area[..MaxAreaLength].Trim();
        }

        return area.Length == 0 || SelfWords.Contains(area, StringComparer.Ordinal) ? null : area;
    }

    private static bool Contains(string words, string phrase) =>
        $" {words} ".Contains($" {phrase} ", StringComparison.Ordinal);

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(?:in|for|at|across|within|of)\s+(?<area>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AreaPhrase();

    [GeneratedRegex(@"^how(?: is|'s|s| are) (?<area>.+?) (?:doing|getting on)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HowIsAreaDoing();

    [GeneratedRegex(@"\b(?:doing |getting on )?(?:on|with) (?!time\b)(?<duty>[a-z0-9' &/-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DutyPhrase();

    [GeneratedRegex(@"\b(?:(?:in|for|over|during) )?(?:the )?(?:last|previous|this) (?:quarter|month)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodWords();

    [GeneratedRegex(@"\s+(?:please|now|today|right now|at the moment)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingNoise();
}
