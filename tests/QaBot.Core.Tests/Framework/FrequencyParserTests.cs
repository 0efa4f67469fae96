using QaBot.Core.Framework;

namespace QaBot.Core.Tests.Framework;

[Trait("Category", "Fast")]
public sealed class FrequencyParserTests
{
    private static readonly FrequencySettings Settings = new(
        BiMonthlyReading.EveryTwoMonths,
        new Dictionary<string, int>
        {
            [ProgrammeSettings.AnnualProgrammeOfMeetings] = 4,
            [ProgrammeSettings.AnnualProgrammeOfVisits] = 4,
            [ProgrammeSettings.MonthlyOrQuarterlyRollingProgramme] = 4,
            [ProgrammeSettings.AnnualSixSessions] = 6,
            [ProgrammeSettings.StatutoryRequirementsAndAgreedStandards] = 4,
        });

    private static readonly string[] ClaAndCp = ["cla-review", "cp-review"];
    private static readonly string[] ComplaintStages = ["complaint-stage-1", "complaint-stage-2", "complaint-stage-3"];

    // Every frequency the framework's section 3.0 writes, as it writes it, with the rhythm it must read as.
    // "Monthly supervision, bi-annual My Plan/PDR" holds two rhythms: its two parts are listed instead (and the whole
    // phrase is checked to be refused below).
    public static TheoryData<string, Rhythm> FrameworkPhrases => new()
    {
        { "Annual programme of meetings", new ProgrammeRhythm(ProgrammeSettings.AnnualProgrammeOfMeetings, 4) },
        { "Quarterly", new FixedRhythm(FixedCadence.Quarterly, 4) },
        { "Annually", new FixedRhythm(FixedCadence.Yearly, 1) },
        { "Via monthly briefings with Director for Performance Quality and Partnerships", new FixedRhythm(FixedCadence.Monthly, 12) },
        { "Six per year", new FixedRhythm(FixedCadence.TimesPerYear, 6) },
        { "Annual programme of visits", new ProgrammeRhythm(ProgrammeSettings.AnnualProgrammeOfVisits, 4) },
        { "Bi-monthly meetings", new FixedRhythm(FixedCadence.EveryTwoMonths, 6) },
        { "Bi-monthly", new FixedRhythm(FixedCadence.EveryTwoMonths, 6) },
        { "Bi-annual", new FixedRhythm(FixedCadence.TwiceYearly, 2) },
        { "Annual (six sessions)", new ProgrammeRhythm(ProgrammeSettings.AnnualSixSessions, 6) },
        { "Every 6 months", new FixedRhythm(FixedCadence.TwiceYearly, 2) },
        { "Monthly or quarterly rolling programme", new ProgrammeRhythm(ProgrammeSettings.MonthlyOrQuarterlyRollingProgramme, 4) },
        { "Annual", new FixedRhythm(FixedCadence.Yearly, 1) },
        { "Monthly", new FixedRhythm(FixedCadence.Monthly, 12) },
        { "Annual – attend at least one session", new FixedRhythm(FixedCadence.Yearly, 1) },
        { "At least one per year", new FixedRhythm(FixedCadence.Yearly, 1) },
        { "As relevant to each role", new NoCadence(NoCadenceReason.AsRelevant) },
        { "Half-termly", new SchoolRhythm(SchoolCadence.HalfTermly) },
        { "Monthly (term-time)", new SchoolRhythm(SchoolCadence.MonthlyInTermTime) },
        { "As required", new NoCadence(NoCadenceReason.AsRequired) },
        { "On-going", new NoCadence(NoCadenceReason.Ongoing) },
        { "Two per month", new FixedRhythm(FixedCadence.TwiceMonthly, 24) },
        { "Minimum of annually", new FixedRhythm(FixedCadence.Yearly, 1) },
        { "Ongoing", new NoCadence(NoCadenceReason.Ongoing) },
        { "Quarterly report on themes", new FixedRhythm(FixedCadence.Quarterly, 4) },
        { "Monthly supervision", new FixedRhythm(FixedCadence.Monthly, 12) },
        { "bi-annual My Plan/PDR", new FixedRhythm(FixedCadence.TwiceYearly, 2) },
        { "On-going and in line with agreed procedure", new NoCadence(NoCadenceReason.Ongoing) },
        { "In line with statutory requirements and agreed standards", new ProgrammeRhythm(ProgrammeSettings.StatutoryRequirementsAndAgreedStandards, 4) },
        { "As set out in the relevant policies", new NoCadence(NoCadenceReason.AsSetOutInPolicy) },
    };

    [Theory]
    [MemberData(nameof(FrameworkPhrases))]
    public void Parse_FrameworkPhrase_ReadsAsItsRhythm(string phrase, Rhythm expected)
    {
        var result = FrequencyParser.Parse(phrase, Settings);

        Assert.True(result.IsSuccess, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(expected, result.Rhythm);
    }

    [Fact]
    public void FrameworkPhrases_CoverEveryFrequencyTheShippedCatalogueUses()
    {
        string[] statutory = ["On-going and in line with relevant procedure", "In line with statutory intervals and agreed standards"];
        var listed = FrameworkPhrases.Select(row => (string)row[0]).Concat(statutory).ToHashSet(StringComparer.Ordinal);
        var catalogue = ShippedCatalogue.Catalogue;

        var used = catalogue.Duties.Select(d => d.FrequencyPart ?? d.Frequency)
            .Concat(catalogue.Bodies.Select(b => b.Frequency).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(used.Except(listed));
        Assert.Empty(listed.Except(used));
    }

    [Fact]
    public void Parse_StatutoryIntervalsWithRules_ReadsAsStatutoryRhythmNamingTheRules()
    {
        var result = FrequencyParser.Parse("In line with statutory intervals and agreed standards", Settings,
            new FrequencyOverrides(StatutoryRules: ClaAndCp));

        Assert.True(result.IsSuccess);
        var rhythm = Assert.IsType<StatutoryRhythm>(result.Rhythm);
        Assert.Equal(ClaAndCp, rhythm.RuleIds);
        Assert.Equal(RhythmKind.Statutory, rhythm.Kind);
        Assert.Null(rhythm.PerYear);
    }

    [Fact]
    public void Parse_RelevantProcedureWithComplaintStages_ReadsAsStatutoryRhythm()
    {
        var result = FrequencyParser.Parse("On-going and in line with relevant procedure", Settings,
            new FrequencyOverrides(StatutoryRules: ComplaintStages));

        Assert.Equal(new StatutoryRhythm(ComplaintStages), result.Rhythm);
    }

    [Fact]
    public void Parse_StatutoryPhraseWithoutRules_IsRefusedOnStatutoryRules()
    {
        var result = FrequencyParser.Parse("In line with statutory intervals and agreed standards", Settings);

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FrequencyField.StatutoryRules, problem.Field);
    }

    [Theory]
    [InlineData("Fortnightly")]
    [InlineData("Weekly")]
    [InlineData("Regularly")]
    [InlineData("Every so often")]
    [InlineData("Monthly-ish")]
    [InlineData("")]
    public void Parse_UnknownPhrase_IsAnErrorNotAGuess(string phrase)
    {
        var result = FrequencyParser.Parse(phrase, Settings);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Rhythm);
        Assert.Equal(FrequencyField.Phrase, Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Parse_UnknownPhrase_NamesThePhraseAndTheVocabulary()
    {
        var problem = Assert.Single(FrequencyParser.Parse("Fortnightly", Settings).Problems);

        Assert.Contains("unknown frequency phrase “Fortnightly”", problem.Message, StringComparison.Ordinal);
        Assert.Contains("docs/framework.md", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoRhythmsInOnePhrase_IsRefusedWithAdviceToSplit()
    {
        var result = FrequencyParser.Parse("Monthly supervision, bi-annual My Plan/PDR", Settings);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("more than one rhythm", problem.Message, StringComparison.Ordinal);
        Assert.Contains("frequencyPart", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BiMonthlyWithEntryOverride_ReadsAsTwiceAMonth()
    {
        var result = FrequencyParser.Parse("Bi-monthly", Settings, new FrequencyOverrides(BiMonthly: BiMonthlyReading.TwiceAMonth));

        Assert.Equal(new FixedRhythm(FixedCadence.TwiceMonthly, 24), result.Rhythm);
        Assert.Contains("twice a month", result.Interpretation, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BiMonthlyWithCatalogueSettingTwiceAMonth_ReadsAsTwiceAMonth()
    {
        var settings = Settings with { BiMonthly = BiMonthlyReading.TwiceAMonth };

        Assert.Equal(new FixedRhythm(FixedCadence.TwiceMonthly, 24), FrequencyParser.Parse("Bi-monthly meetings", settings).Rhythm);
    }

    [Fact]
    public void Parse_BiMonthlyByDefault_SaysHowItWasRead()
    {
        var result = FrequencyParser.Parse("Bi-monthly", Settings);

        Assert.Equal("“Bi-monthly” read as every two months, 6 a year (the catalogue setting biMonthly).", result.Interpretation);
    }

    [Fact]
    public void Parse_ProgrammeWithEntryPerYear_UsesTheEntryCount()
    {
        var result = FrequencyParser.Parse("Monthly or quarterly rolling programme", Settings, new FrequencyOverrides(PerYear: 12));

        Assert.Equal(new ProgrammeRhythm(ProgrammeSettings.MonthlyOrQuarterlyRollingProgramme, 12), result.Rhythm);
        Assert.Equal(12, result.Rhythm!.PerYear);
    }

    [Fact]
    public void Parse_ProgrammeWhoseSettingIsMissing_IsAnError()
    {
        var settings = Settings with { ProgrammesPerYear = new Dictionary<string, int>() };

        var result = FrequencyParser.Parse("Annual programme of visits", settings);

        Assert.False(result.IsSuccess);
        Assert.Contains("programmes.annual-programme-of-visits", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Monthly", FrequencyField.BiMonthly)]
    [InlineData("Quarterly", FrequencyField.PerYear)]
    [InlineData("Annual", FrequencyField.StatutoryRules)]
    public void Parse_OverrideThatDoesNotApply_IsAnErrorOnThatOverride(string phrase, FrequencyField field)
    {
        var overrides = field switch
        {
            FrequencyField.BiMonthly => new FrequencyOverrides(BiMonthly: BiMonthlyReading.TwiceAMonth),
            FrequencyField.PerYear => new FrequencyOverrides(PerYear: 3),
            _ => new FrequencyOverrides(StatutoryRules: ClaAndCp),
        };

        var result = FrequencyParser.Parse(phrase, Settings, overrides);

        Assert.Equal(field, Assert.Single(result.Problems).Field);
    }

    [Theory]
    [InlineData("  monthly ", FixedCadence.Monthly)]
    [InlineData("BI-MONTHLY", FixedCadence.EveryTwoMonths)]
    [InlineData("Annual - attend at least one session", FixedCadence.Yearly)]
    [InlineData("Annual — attend  at least one session.", FixedCadence.Yearly)]
    [InlineData("Every 3 months", FixedCadence.Quarterly)]
    [InlineData("Every two months", FixedCadence.EveryTwoMonths)]
    [InlineData("Every 12 months", FixedCadence.Yearly)]
    [InlineData("Twice a month", FixedCadence.TwiceMonthly)]
    [InlineData("One per month", FixedCadence.Monthly)]
    public void Parse_SpellingVariants_ReadAsTheSameCadence(string phrase, FixedCadence cadence)
    {
        var rhythm = Assert.IsType<FixedRhythm>(FrequencyParser.Parse(phrase, Settings).Rhythm);

        Assert.Equal(cadence, rhythm.Cadence);
    }

    [Theory]
    [InlineData("10 per year", 10)]
    [InlineData("Three per year", 3)]
    [InlineData("8 times a year", 8)]
    [InlineData("Every 4 months", 3)]
    public void Parse_CountPerYear_ReadsAsThatManyEvenlySpread(string phrase, int count)
    {
        Assert.Equal(new FixedRhythm(FixedCadence.TimesPerYear, count), FrequencyParser.Parse(phrase, Settings).Rhythm);
    }

    [Theory]
    [InlineData("Every 5 months")]
    [InlineData("Three per month")]
    [InlineData("0 per year")]
    [InlineData("400 per year")]
    public void Parse_CountThatDoesNotFitTheYear_IsAnError(string phrase)
    {
        Assert.False(FrequencyParser.Parse(phrase, Settings).IsSuccess);
    }

    [Fact]
    public void Parse_EveryFixedPhraseOfTheVocabulary_ReadsAsExactlyOneRhythm()
    {
        foreach (var phrase in FrequencyParser.Phrases)
        {
            var result = FrequencyParser.Parse(phrase, Settings);
            if (result.Problems is [{ Field: FrequencyField.StatutoryRules }])
            {
                result = FrequencyParser.Parse(phrase, Settings, new FrequencyOverrides(StatutoryRules: ClaAndCp));
            }

            Assert.True(result.IsSuccess, $"{phrase}: {string.Join("; ", result.Problems.Select(p => p.Message))}");
        }
    }
}
