using System.Globalization;
using System.Text;
using QaBot.Core.Framework;

namespace QaBot.Conversations.Text;

/// <summary>
/// The framework's own words, made to fit a card: a duty's task on one line, its purpose in one line, and how often
/// QaBot reminds about it in plain English.
/// </summary>
public static class DutyWording
{
    public const int TitleLength = 160;
    public const int PurposeLength = 180;

    /// <summary>
    /// The task in one line. Where one line of the framework holds two rhythms ("Monthly supervision, bi-annual My
    /// Plan/PDR"), the part this duty is read from names it better than the shared task wording.
    /// </summary>
    public static string Title(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        if (!string.IsNullOrWhiteSpace(duty.FrequencyPart))
        {
            return Capitalise(duty.FrequencyPart.Trim());
        }

        var lines = duty.Task.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = lines.Length == 0 ? duty.Id.Value : lines[0];
        var bullets = lines.Skip(1).Select(l => l.TrimStart('·', '•', '-', ' ')).Where(l => l.Length > 0).ToList();
        var text = bullets.Count == 0 ? first : $"{first.TrimEnd(':')}: {string.Join(", ", bullets)}";
        return Shorten(text.TrimEnd('.'), TitleLength);
    }

    /// <summary>
    /// The duties someone means by a word or two ("supervision", "audits"): those whose id or title holds every word
    /// asked, ignoring case. Several roles' duties can share a name (a team manager's supervision and a practitioner's).
    /// </summary>
    public static IReadOnlySet<DutyId> Matching(FrameworkCatalogue catalogue, string text)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var words = (text ?? string.Empty).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.TrimEnd('s'))
            .Where(w => w.Length > 1)
            .ToList();
        if (words.Count == 0)
        {
            return new HashSet<DutyId>();
        }

        return catalogue.Duties
            .Where(d =>
            {
                var name = (d.Id.Value.Replace('-', ' ') + " " + Title(d)).ToLowerInvariant();
                return words.All(w => name.Contains(w, StringComparison.Ordinal));
            })
            .Select(d => d.Id)
            .ToHashSet();
    }

    /// <summary>The title of a duty the catalogue no longer has, from its id ("team-manager-supervision" reads "Team manager supervision").</summary>
    /// <summary>What actions raised at reflective case reviews are called: they are items, but no duty of the framework's.</summary>
    public const string ReviewActionTitle = "Action from a reflective case review";

    /// <summary>What a case allocated to an auditor is called once its note gives way to a reply.</summary>
    public const string CaseAuditTitle = "Case audit";

    public static string TitleOf(DutyId id, FrameworkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.FindDuty(id) is { } duty)
        {
            return Title(duty);
        }

        return id.Value switch
        {
            Core.Assurance.ReviewAction.DutyId => ReviewActionTitle,
            Core.Assurance.CaseAudit.DutyId => CaseAuditTitle,
            _ => Capitalise(id.Value.Replace('-', ' ')),
        };
    }

    /// <summary>The purpose in one line.</summary>
    public static string Purpose(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var text = string.Join(' ', duty.Purpose.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return Shorten(text.TrimEnd('.'), PurposeLength);
    }

    /// <summary>How often QaBot reminds about the duty: "monthly, for each person you manage", "no set rhythm: log it when you do it".</summary>
    public static string HowOften(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var rhythm = duty.Rhythm switch
        {
            FixedRhythm { Cadence: FixedCadence.Monthly } => "monthly",
            FixedRhythm { Cadence: FixedCadence.EveryTwoMonths } => "every two months",
            FixedRhythm { Cadence: FixedCadence.Quarterly } => "quarterly",
            FixedRhythm { Cadence: FixedCadence.TwiceYearly } => "twice a year",
            FixedRhythm { Cadence: FixedCadence.Yearly } => "once a year",
            FixedRhythm { Cadence: FixedCadence.TwiceMonthly } => "twice a month",
            FixedRhythm f => TimesAYear(f.Count),
            SchoolRhythm { Cadence: SchoolCadence.HalfTermly } => "every half-term",
            SchoolRhythm => "monthly in term time",
            ProgrammeRhythm p => TimesAYear(p.Count),
            StatutoryRhythm => "by each case's statutory deadlines",
            _ => "no set rhythm: log it with \"log activity\" when you do it",
        };
        return duty.PerReport ? rhythm + ", for each person you manage" : rhythm;
    }

    /// <summary>True for duties people log when they happen instead of being reminded ("as required", "ongoing").</summary>
    public static string Capitalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
    }

    /// <summary>Cuts text to at most <paramref name="max"/> characters at a word boundary, ending with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        var builder = new StringBuilder(text, 0, cut > max / 2 ? cut : max - 1, max);
        return builder.ToString().TrimEnd(',', ';', ':', ' ') + "…";
    }

    private static string TimesAYear(int count) => count switch
    {
        1 => "once a year",
        2 => "twice a year",
        _ => string.Create(CultureInfo.InvariantCulture, $"{count} times a year"),
    };
}
