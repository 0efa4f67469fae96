using System.Globalization;
using System.Text.RegularExpressions;
using QaBot.Application.Cases;

namespace QaBot.Conversations.Turns;

/// <summary>
/// Reads a case event typed in chat: "CLA review held for 12345 on 3 Dec", "12345 became looked after on 1 Dec",
/// "strategy discussion held for 23456", "complaint received for 34567 on 16 Nov", "34567 escalated to stage 2",
/// "extension agreed for 34567 to 8 Dec", "case 12345 transferred to a.person@council.example", "case 12345 closed".
/// A date without a year is the latest such date not in the future; no date means today. The case reference is only
/// what was typed: the caller checks it against the council's format.
/// </summary>
public static partial class CaseUpdateReader
{
    private static readonly (Regex Pattern, CaseHappening Happening)[] Phrases =
    [
        (Phrase("became looked after|become looked after|started being looked after|looked after from|child looked after"), CaseHappening.BecameLookedAfter),
        (Phrase("strategy discussion|strategy meeting"), CaseHappening.StrategyDiscussion),
        (Phrase("initial conference|initial child protection conference|icpc"), CaseHappening.InitialConferenceHeld),
        (Phrase("escalated to stage 2|stage 2|stage two"), CaseHappening.EscalatedToStage2),
        (Phrase("escalated to stage 3|stage 3|stage three|review panel requested"), CaseHappening.EscalatedToStage3),
        (Phrase("complaint received|complaint at stage 1|received a complaint|new complaint"), CaseHappening.ComplaintReceived),
        (Phrase("response sent|responded|complaint answered|panel held"), CaseHappening.ResponseSent),
        (Phrase("extension agreed|extended|extension"), CaseHappening.ExtensionAgreed),
        (Phrase("transferred|transfer"), CaseHappening.Transferred),
        (Phrase("closed|no longer looked after|plan ended|plan ends|case ended"), CaseHappening.Closed),
        (Phrase("review held|review conference held|reviewed|cla review|lac review|cp review|review"), CaseHappening.ReviewHeld),
    ];

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The event read from the message, or null when it does not say one happened in a case.</summary>
    public static CaseUpdateText? Read(string? text, DateOnly today)
    {
        var words = IntentReader.Normalise(text);
        if (words.Length == 0 || words.Length > 300)
        {
            return null;
        }

        // Escalations are checked before "complaint received": "complaint 34567 escalated to stage 2".
        var happening = Phrases.Where(p => p.Pattern.IsMatch(words)).Select(p => (CaseHappening?)p.Happening).FirstOrDefault();
        if (happening is null)
        {
            return null;
        }

        // References, dates and addresses are read from the text as typed (case kept), not the normalised words.
        var raw = Spaces().Replace(text!.Trim(), " ");
        var reference = Reference().Match(raw);
        if (!reference.Success)
        {
            return null;
        }

        var datePart = DateAfter().Match(raw);
        var dateText = datePart.Success ? datePart.Groups["date"].Value.ToLowerInvariant() : null;
        var to = TransferTo().Match(raw);
        if (happening == CaseHappening.ExtensionAgreed)
        {
            // The date of an extension is the new deadline: the next such date, not the last.
            var deadline = dateText is null ? null : DateOf(dateText, today, future: true);
            return new CaseUpdateText(reference.Groups["ref"].Value, happening.Value, today, null, deadline, dateText is not null && deadline is null ? dateText : null);
        }

        var on = dateText is null ? today : DateOf(dateText, today);
        return new CaseUpdateText(reference.Groups["ref"].Value, happening.Value, on, to.Success ? to.Groups["upn"].Value : null, null, dateText is not null && on is null ? dateText : null);
    }

    /// <summary>"3 Dec", "3 December 2026", "2026-12-03", "today", "yesterday"; a date without a year is the latest such date not after today.</summary>
    public static DateOnly? DateOf(string text, DateOnly today, bool future = false)
    {
        var t = text.Trim();
        if (t == "today")
        {
            return today;
        }

        if (t == "yesterday")
        {
            return today.AddDays(-1);
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        var match = DayMonth().Match(t);
        if (!match.Success)
        {
            return null;
        }

        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var month = Array.FindIndex(MonthNames, m => match.Groups["month"].Value.StartsWith(m, StringComparison.Ordinal)) + 1;
        if (month == 0)
        {
            return null;
        }

        if (match.Groups["year"].Success)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
        }

        for (var n = 0; n <= 1; n++)
        {
            var year = future ? today.Year + n : today.Year - n;
            if (day <= DateTime.DaysInMonth(year, month) && (future ? new DateOnly(year, month, day) >= today : new DateOnly(year, month, day) <= today))
            {
                return new DateOnly(year, month, day);
            }
        }

        return null;
    }

    private static Regex Phrase(string alternatives) =>
        new($@"(?:^|\s)(?:{alternatives})(?:\s|$)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));

    // The reference, a word with a digit in it: after "for", "case", "of", "ref" or "complaint", or first in the message.
    [GeneratedRegex(@"(?:\b(?:for|case|of|ref|reference|child|complaint)\s+(?<ref>[a-z0-9/_.-]*[0-9][a-z0-9/_.-]*?)(?=[.,;:!?]?(?:\s|$)))|(?:^(?<ref>[a-z0-9/_.-]*[0-9][a-z0-9/_.-]*?)(?=[.,;:!?]?\s))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Reference();

    [GeneratedRegex(@"\b(?:on|to|from|at)\s+(?<date>today|yesterday|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+(?:\s+\d{4})?)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DateAfter();

    [GeneratedRegex(@"^(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>[a-z]{3,9})(?:\s+(?<year>\d{4}))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\bto\s+(?<upn>[a-z0-9._%+'-]+@[a-z0-9.-]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TransferTo();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}

/// <summary>A case event as typed.</summary>
/// <param name="On">The date said (today when none); null when the date could not be read (<see cref="UnreadDate"/>).</param>
/// <param name="To">For a transfer: the UPN named.</param>
/// <param name="ExtendedTo">For an extension: the new deadline.</param>
public sealed record CaseUpdateText(string Case, CaseHappening Happening, DateOnly? On, string? To, DateOnly? ExtendedTo, string? UnreadDate);
