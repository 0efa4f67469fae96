using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace QaBot.Core.Framework;

/// <summary>
/// Reads a frequency in the framework's words ("Bi-monthly meetings", "Annual programme of visits", "Half-termly")
/// as exactly one <see cref="Rhythm"/>. The vocabulary is closed: a phrase it does not know is an error, never a
/// guess. Matching ignores case, runs of spaces, curly quotes and the kind of dash, nothing else.
/// The vocabulary and every reading are documented in docs/framework.md.
/// </summary>
public static partial class FrequencyParser
{
    private static readonly Dictionary<string, Func<Context, Rhythm?>> Vocabulary = BuildVocabulary();

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };

    /// <summary>The fixed phrases of the vocabulary, normalised (lower case). The patterns "N per year", "N per month" and "Every N months" are read as well.</summary>
    public static IReadOnlyCollection<string> Phrases => Vocabulary.Keys;

    public static FrequencyParseResult Parse(string? phrase, FrequencySettings settings, FrequencyOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var context = new Context(phrase ?? string.Empty, settings, overrides ?? FrequencyOverrides.None);
        var key = Normalise(context.Phrase);

        Rhythm? rhythm = null;
        var recognised = true;
        if (key.Length == 0)
        {
            context.Problem(FrequencyField.Phrase, "the frequency is empty");
            recognised = false;
        }
        else if (Vocabulary.TryGetValue(key, out var read))
        {
            rhythm = read(context);
        }
        else if (TryReadPattern(key, context, out var matched))
        {
            rhythm = matched;
        }
        else if (TryDescribeCompound(context.Phrase, out var parts))
        {
            context.Problem(FrequencyField.Phrase,
                $"“{context.Phrase.Trim()}” holds more than one rhythm ({string.Join(", ", parts.Select(p => $"“{p}”"))}): " +
                "write one duty for each part, each with a frequencyPart naming its part");
            recognised = false;
        }
        else
        {
            context.Problem(FrequencyField.Phrase,
                $"unknown frequency phrase “{context.Phrase.Trim()}”: use a phrase from the vocabulary in docs/framework.md " +
                "(for example Monthly, Bi-monthly, Quarterly, Bi-annual, Annual, Six per year, Two per month, Every 6 months, " +
                "Half-termly, Monthly (term-time), Annual programme of visits, As required, Ongoing)");
            recognised = false;
        }

        if (recognised)
        {
            context.CheckOverridesWereUsed();
        }

        return context.Problems.Count == 0
            ? new FrequencyParseResult(rhythm, context.Interpretation, [])
            : new FrequencyParseResult(null, null, context.Problems);
    }

    /// <summary>The form phrases are matched in: lower case, single spaces, straight quotes, hyphens for dashes, no final full stop.</summary>
    public static string Normalise(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var builder = new StringBuilder(phrase.Length);
        var lastWasSpace = false;
        foreach (var c in phrase.Trim())
        {
            var mapped = c switch
            {
                '\u2018' or '\u2019' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                _ => char.IsWhiteSpace(c) ? ' ' : c,
            };
            if (mapped == ' ')
            {
                if (lastWasSpace)
                {
                    continue;
                }

                lastWasSpace = true;
            }
            else
            {
                lastWasSpace = false;
            }

            builder.Append(char.ToLowerInvariant(mapped));
        }

        return builder.ToString().TrimEnd('.', ' ');
    }

    private static Dictionary<string, Func<Context, Rhythm?>> BuildVocabulary()
    {
        var vocabulary = new Dictionary<string, Func<Context, Rhythm?>>(StringComparer.Ordinal);

        void Add(Func<Context, Rhythm?> read, params string[] phrases)
        {
            foreach (var phrase in phrases)
            {
                vocabulary.Add(Normalise(phrase), read);
            }
        }

        // Plain calendar words.
        Add(Fixed(FixedCadence.Monthly), "Monthly");
        Add(Fixed(FixedCadence.Quarterly), "Quarterly");
        Add(Fixed(FixedCadence.Yearly), "Annual", "Annually", "Yearly", "Once a year");
        Add(Fixed(FixedCadence.TwiceYearly), "Twice a year", "Twice yearly");
        Add(Fixed(FixedCadence.TwiceMonthly), "Twice a month", "Twice monthly");
        Add(BiMonthly, "Bi-monthly", "Bimonthly", "Bi-monthly meetings");
        Add(Fixed(FixedCadence.TwiceYearly,
                "“Bi-annual” read as twice a year (the framework also writes “Every 6 months”), not every two years."),
            "Bi-annual", "Biannual");

        // The framework's own qualified phrases.
        Add(Fixed(FixedCadence.Yearly,
                "Yearly: at least one session a year; further sessions are recorded when they happen."),
            "Annual – attend at least one session");
        Add(Fixed(FixedCadence.Yearly, "Yearly: at least one a year; more are recorded when they happen."),
            "At least one per year");
        Add(Fixed(FixedCadence.Yearly,
                "Yearly: at least once a year; more frequent reports are recorded when they happen."),
            "Minimum of annually");
        Add(Fixed(FixedCadence.Quarterly,
                "Quarterly: the duty falls due as the quarterly report on themes; the visits themselves are made by " +
                "the independent visitors."),
            "Quarterly report on themes");
        Add(Fixed(FixedCadence.Monthly,
                "Monthly: the overview is kept through the monthly briefings with the Director for Performance, " +
                "Quality and Partnerships."),
            "Via monthly briefings with Director for Performance Quality and Partnerships");
        Add(Fixed(FixedCadence.Monthly, "Monthly: the supervision part of “Monthly supervision, bi-annual My Plan/PDR”."),
            "Monthly supervision");
        Add(Fixed(FixedCadence.TwiceYearly,
                "Twice a year: the My Plan/PDR part of “Monthly supervision, bi-annual My Plan/PDR”, “bi-annual” read " +
                "as twice a year."),
            "Bi-annual My Plan/PDR");

        // The school calendar.
        Add(_ => new SchoolRhythm(SchoolCadence.HalfTermly), "Half-termly");
        Add(_ => new SchoolRhythm(SchoolCadence.MonthlyInTermTime),
            "Monthly (term-time)", "Monthly (term time)", "Monthly in term time", "Monthly in term-time");

        // Programmes: a count a year that is a council setting.
        Add(Programme(ProgrammeSettings.AnnualProgrammeOfMeetings, "A programme of meetings through the year"),
            "Annual programme of meetings");
        Add(Programme(ProgrammeSettings.AnnualProgrammeOfVisits, "A programme of visits through the year"),
            "Annual programme of visits");
        Add(Programme(ProgrammeSettings.MonthlyOrQuarterlyRollingProgramme,
                "A rolling programme, monthly or quarterly as the council chooses"),
            "Monthly or quarterly rolling programme");
        Add(Programme(ProgrammeSettings.AnnualSixSessions, "Six sessions within the year"),
            "Annual (six sessions)");
        Add(Programme(ProgrammeSettings.StatutoryRequirementsAndAgreedStandards,
                "Regular reporting at the count the council's agreed standards set"),
            "In line with statutory requirements and agreed standards");

        // Statutory timescales anchored to events in each case.
        Add(Statutory("Deadlines follow the statutory complaints procedure for each complaint"),
            "On-going and in line with relevant procedure");
        Add(Statutory("Deadlines follow the statutory review intervals for each child"),
            "In line with statutory intervals and agreed standards");

        // No cadence: recorded when it happens.
        Add(None(NoCadenceReason.AsRequired), "As required");
        Add(None(NoCadenceReason.Ongoing), "Ongoing", "On-going");
        Add(None(NoCadenceReason.AsRelevant,
                "No reminders: the framework leaves how often to each role; recorded when it happens."),
            "As relevant to each role");
        Add(None(NoCadenceReason.AsSetOutInPolicy,
                "No reminders of its own: supervision and My Plan/PDR are owed by the manager, once per person managed, " +
                "and the manager's record meets this duty."),
            "As set out in the relevant policies");
        Add(None(NoCadenceReason.Ongoing,
                "No reminders: responses follow the procedure agreed with the council's LGSCO link officer, which sets " +
                "deadlines case by case; the framework states no timescale. Recorded when it happens."),
            "On-going and in line with agreed procedure");

        return vocabulary;
    }

    private static Func<Context, Rhythm?> Fixed(FixedCadence cadence, string? interpretation = null) => context =>
    {
        context.Interpretation = interpretation;
        return FixedRhythm.Of(cadence);
    };

    private static Func<Context, Rhythm?> None(NoCadenceReason reason, string? interpretation = null) => context =>
    {
        context.Interpretation = interpretation;
        return new NoCadence(reason);
    };

    private static Rhythm? BiMonthly(Context context)
    {
        context.UsedBiMonthly = true;
        var own = context.Overrides.BiMonthly;
        var reading = own ?? context.Settings.BiMonthly;
        var source = own is null ? "the catalogue setting biMonthly" : "this entry's biMonthly";
        if (reading == BiMonthlyReading.TwiceAMonth)
        {
            context.Interpretation = $"“Bi-monthly” read as twice a month, 24 a year ({source}).";
            return FixedRhythm.Of(FixedCadence.TwiceMonthly);
        }

        context.Interpretation = $"“Bi-monthly” read as every two months, 6 a year ({source}).";
        return FixedRhythm.Of(FixedCadence.EveryTwoMonths);
    }

    private static Func<Context, Rhythm?> Programme(string setting, string description) => context =>
    {
        context.UsedPerYear = true;
        int count;
        string source;
        if (context.Overrides.PerYear is { } own)
        {
            if (own is < 0 or > ProgrammeSettings.MaxPerYear)
            {
                context.Problem(FrequencyField.PerYear, $"perYear must be a whole number from 0 to {ProgrammeSettings.MaxPerYear}, not {own}");
                return null;
            }

            count = own;
            source = "this entry's perYear";
        }
        else if (context.Settings.ProgrammesPerYear.TryGetValue(setting, out var configured))
        {
            count = configured;
            source = $"setting programmes.{setting}";
        }
        else
        {
            context.Problem(FrequencyField.Phrase,
                $"“{context.Phrase.Trim()}” is a programme whose yearly count is the setting programmes.{setting}, " +
                "which the settings do not give: add it to settings.programmes, or give this entry its own perYear");
            return null;
        }

        context.Interpretation = $"{description}: {count} a year ({source}).";
        return new ProgrammeRhythm(setting, count);
    };

    private static Func<Context, Rhythm?> Statutory(string description) => context =>
    {
        context.UsedStatutoryRules = true;
        var rules = context.Overrides.StatutoryRules;
        if (rules is null || rules.Count == 0)
        {
            context.Problem(FrequencyField.StatutoryRules,
                $"“{context.Phrase.Trim()}” follows statutory timescales: name the rules it follows in statutoryRules " +
                "(for example [cla-review, cp-review])");
            return null;
        }

        context.Interpretation = $"{description} ({string.Join(", ", rules)}).";
        return new StatutoryRhythm([.. rules]);
    };

    private static bool TryReadPattern(string key, Context context, out Rhythm? rhythm)
    {
        rhythm = null;

        var match = PerYearPattern().Match(key);
        if (match.Success)
        {
            if (!TryNumber(match.Groups["n"].Value, out var n))
            {
                return false;
            }

            if (n is < 1 or > ProgrammeSettings.MaxPerYear)
            {
                context.Problem(FrequencyField.Phrase, $"“{context.Phrase.Trim()}”: the count a year must be from 1 to {ProgrammeSettings.MaxPerYear}");
                return true;
            }

            rhythm = new FixedRhythm(FixedCadence.TimesPerYear, n);
            return true;
        }

        match = PerMonthPattern().Match(key);
        if (match.Success)
        {
            if (!TryNumber(match.Groups["n"].Value, out var n))
            {
                return false;
            }

            switch (n)
            {
                case 1:
                    rhythm = FixedRhythm.Of(FixedCadence.Monthly);
                    break;
                case 2:
                    rhythm = FixedRhythm.Of(FixedCadence.TwiceMonthly);
                    break;
                default:
                    context.Problem(FrequencyField.Phrase,
                        $"“{context.Phrase.Trim()}”: a monthly count may be one or two; write a count a year instead (for example “36 per year”)");
                    break;
            }

            return true;
        }

        match = EveryMonthsPattern().Match(key);
        if (match.Success)
        {
            if (!TryNumber(match.Groups["n"].Value, out var n))
            {
                return false;
            }

            rhythm = n switch
            {
                1 => FixedRhythm.Of(FixedCadence.Monthly),
                2 => FixedRhythm.Of(FixedCadence.EveryTwoMonths),
                3 => FixedRhythm.Of(FixedCadence.Quarterly),
                4 => new FixedRhythm(FixedCadence.TimesPerYear, 3),
                6 => FixedRhythm.Of(FixedCadence.TwiceYearly),
                12 => FixedRhythm.Of(FixedCadence.Yearly),
                _ => null,
            };
            if (rhythm is null)
            {
                context.Problem(FrequencyField.Phrase,
                    $"“{context.Phrase.Trim()}”: every N months must divide the year (1, 2, 3, 4, 6 or 12 months)");
            }

            return true;
        }

        return false;
    }

    private static bool TryNumber(string text, out int value) =>
        NumberWords.TryGetValue(text, out value)
        || (text.Length <= 3 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value));

    private static bool TryDescribeCompound(string phrase, out string[] parts)
    {
        parts = phrase.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return false;
        }

        foreach (var part in parts)
        {
            var key = Normalise(part);
            if (!Vocabulary.ContainsKey(key) && !PerYearPattern().IsMatch(key) && !PerMonthPattern().IsMatch(key) && !EveryMonthsPattern().IsMatch(key))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^(?<n>[a-z0-9]+) (?:per|a|times a|times per) year$", RegexOptions.CultureInvariant)]
    private static partial Regex PerYearPattern();

    [GeneratedRegex(@"^(?<n>[a-z0-9]+) (?:per|a|times a|times per) month$", RegexOptions.CultureInvariant)]
    private static partial Regex PerMonthPattern();

    [GeneratedRegex(@"^every (?<n>[a-z0-9]+) months?$", RegexOptions.CultureInvariant)]
    private static partial Regex EveryMonthsPattern();

    private sealed class Context(string phrase, FrequencySettings settings, FrequencyOverrides overrides)
    {
        public string Phrase { get; } = phrase;

        public FrequencySettings Settings { get; } = settings;

        public FrequencyOverrides Overrides { get; } = overrides;

        public List<FrequencyProblem> Problems { get; } = [];

        public string? Interpretation { get; set; }

        public bool UsedBiMonthly { get; set; }

        public bool UsedPerYear { get; set; }

        public bool UsedStatutoryRules { get; set; }

        public void Problem(FrequencyField field, string message) => Problems.Add(new FrequencyProblem(field, message));

        public void CheckOverridesWereUsed()
        {
            var phrase = Phrase.Trim();
            if (Overrides.BiMonthly is not null && !UsedBiMonthly)
            {
                Problem(FrequencyField.BiMonthly, $"biMonthly applies only to a “Bi-monthly” frequency, and “{phrase}” is not one");
            }

            if (Overrides.PerYear is not null && !UsedPerYear)
            {
                Problem(FrequencyField.PerYear, $"perYear applies only to a programme frequency (such as “Annual programme of visits”), and “{phrase}” is not one");
            }

            if (Overrides.StatutoryRules is { Count: > 0 } && !UsedStatutoryRules)
            {
                Problem(FrequencyField.StatutoryRules, $"statutoryRules applies only to a statutory frequency (such as “In line with statutory intervals and agreed standards”), and “{phrase}” is not one");
            }
        }
    }
}
