using QaBot.Core.Framework;
using QaBot.Testing.Framework;

namespace QaBot.Core.Tests.Framework;

[Trait("Category", "Fast")]
public sealed class CatalogueLoaderTests
{
    private static CatalogueLoadResult Load(string yaml) => FrameworkCatalogueLoader.Load(yaml, CatalogueText.FileName);

    private static CatalogueError SingleError(string yaml)
    {
        var result = Load(yaml);
        Assert.False(result.IsValid);
        Assert.Null(result.Catalogue);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Load_ValidText_BuildsTheCatalogue()
    {
        var result = Load(CatalogueText.Valid);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var catalogue = result.Catalogue;
        Assert.Equal(["team-manager", "all-staff"], catalogue.Roles.Select(r => r.Id.Value));
        Assert.Equal(3, catalogue.Duties.Count());
        Assert.Equal(new FixedRhythm(FixedCadence.EveryTwoMonths, 6), catalogue.FindDuty(new DutyId("team-manager-reflective-case-review"))!.Rhythm);
        Assert.Equal([new DutyId("team-manager-supervision")], catalogue.FindDuty(new DutyId("staff-supervision"))!.MetBy);
        var body = Assert.Single(catalogue.Bodies);
        Assert.Null(body.Chair);
        Assert.Null(body.Rhythm);
        Assert.Equal(new SourceRow("Appendix A", "Top-level Boards", 1), body.SourceRow);
    }

    [Fact]
    public void Load_UnknownFrequencyPhrase_NamesFileLineFieldAndPhrase()
    {
        var yaml = CatalogueText.With("frequency: Bi-monthly", "frequency: Fortnightly");

        var error = SingleError(yaml);

        Assert.Equal(CatalogueText.FileName, error.File);
        Assert.Equal(CatalogueText.LineOf(yaml, "frequency: Fortnightly"), error.Line);
        Assert.Equal(16, error.Column);
        Assert.Equal("duties[1]", error.Path);
        Assert.Equal("frequency", error.Field);
        Assert.StartsWith("unknown frequency phrase “Fortnightly”", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{CatalogueText.FileName}:{error.Line}:16: duties[1].frequency: unknown frequency phrase", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ScheduledFromLearningDays_MarksTheDutyAndAnUnknownSourceIsNamedWithItsLine()
    {
        var followed = Load(CatalogueText.With("frequency: Bi-monthly", "frequency: Bi-monthly\n    scheduledFrom: practice-learning-days"));
        var calendar = Load(CatalogueText.With("frequency: Bi-monthly", "frequency: Bi-monthly\n    scheduledFrom: calendar"));
        var yaml = CatalogueText.With("frequency: Bi-monthly", "frequency: Bi-monthly\n    scheduledFrom: audits");

        Assert.True(followed.Catalogue!.FindDuty(new DutyId("team-manager-reflective-case-review"))!.FollowsLearningDays);
        Assert.False(calendar.Catalogue!.FindDuty(new DutyId("team-manager-reflective-case-review"))!.FollowsLearningDays);
        var error = SingleError(yaml);
        Assert.Equal(("scheduledFrom", CatalogueText.LineOf(yaml, "scheduledFrom: audits")), (error.Field, error.Line));
        Assert.Contains("practice-learning-days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ScheduledFromLearningDaysOnAPerReportDuty_Refused()
    {
        var yaml = CatalogueText.With("frequency: Bi-monthly", "frequency: Bi-monthly\n    perReport: true\n    scheduledFrom: practice-learning-days");

        var error = SingleError(yaml);

        Assert.Equal(("scheduledFrom", CatalogueText.LineOf(yaml, "scheduledFrom: practice-learning-days")), (error.Field, error.Line));
        Assert.Contains("cannot also be perReport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ScheduledFromProgramme_MarksTheDutyWithItsTargetAndRefusesOneWithoutACount()
    {
        var planned = Load(CatalogueText.With("frequency: Bi-monthly", "frequency: Bi-monthly\n    scheduledFrom: programme"));
        var yaml = CatalogueText.With("frequency: Bi-monthly", "frequency: As required\n    scheduledFrom: programme");

        var duty = planned.Catalogue!.FindDuty(new DutyId("team-manager-reflective-case-review"))!;
        Assert.Equal((true, false, 6), (duty.FollowsProgramme, duty.FollowsLearningDays, duty.Rhythm.PerYear));
        var error = SingleError(yaml);
        Assert.Equal(("scheduledFrom", CatalogueText.LineOf(yaml, "scheduledFrom: programme")), (error.Field, error.Line));
        Assert.Contains("needs a rhythm with a count a year", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateDutyId_NamesBothLines()
    {
        var yaml = CatalogueText.With("- id: team-manager-reflective-case-review", "- id: team-manager-supervision");

        var error = SingleError(yaml);

        Assert.Equal(CatalogueText.LineOf(yaml, "- id: team-manager-supervision\n    role: team-manager\n    task: Undertake"), error.Line);
        Assert.Equal("id", error.Field);
        Assert.Equal(
            $"duplicate duty id 'team-manager-supervision': already used at line {CatalogueText.LineOf(yaml, "- id: team-manager-supervision")}",
            error.Message);
    }

    [Fact]
    public void Load_DutyWithNoRole_SaysEveryDutyBelongsToARole()
    {
        var yaml = CatalogueText.With("    role: all-staff\n", string.Empty);

        var error = SingleError(yaml);

        Assert.Equal("duties[2]", error.Path);
        Assert.Equal("role", error.Field);
        Assert.Equal(CatalogueText.LineOf(yaml, "- id: staff-supervision") , error.Line);
        Assert.StartsWith("required field 'role' is missing: every duty belongs to a role", error.Message, StringComparison.Ordinal);
        Assert.Contains("team-manager, all-staff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DutyWithUnknownRole_ListsTheRoles()
    {
        var yaml = CatalogueText.With("role: all-staff", "role: everyone");

        var error = SingleError(yaml);

        Assert.Equal(CatalogueText.LineOf(yaml, "role: everyone"), error.Line);
        Assert.Equal("unknown role 'everyone'; the roles are: team-manager, all-staff", error.Message);
    }

    [Fact]
    public void Load_BadYamlSyntax_ReportsTheLine()
    {
        var yaml = CatalogueText.With("    task: 1-2-1 Supervisions\n", "    task: \"1-2-1 Supervisions\n");

        var error = SingleError(yaml);

        Assert.StartsWith("YAML syntax:", error.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogueText.LineOf(yaml, "task: \"1-2-1"), error.Line);
    }

    [Fact]
    public void Load_BadIndentation_ReportsTheLine()
    {
        var yaml = CatalogueText.With("    purpose: Monitor performance\n", "    purpose: Monitor performance\n      extra: oops\n");

        var error = SingleError(yaml);

        Assert.StartsWith("YAML syntax:", error.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogueText.LineOf(yaml, "extra: oops"), error.Line);
    }

    [Fact]
    public void Load_UnclosedList_ReportsWhereReadingStopped()
    {
        var yaml = CatalogueText.With("metBy: [team-manager-supervision]", "metBy: [team-manager-supervision");

        var error = SingleError(yaml);

        Assert.StartsWith("YAML syntax:", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= CatalogueText.LineOf(yaml, "metBy: [team"), error.ToString());
    }

    [Fact]
    public void Load_RepeatedKey_IsReportedAtTheRepeat()
    {
        var yaml = CatalogueText.With("    purpose: Monitor performance\n", "    purpose: Monitor performance\n    purpose: Again\n");

        var error = SingleError(yaml);

        Assert.Equal(CatalogueText.LineOf(yaml, "purpose: Again"), error.Line);
        Assert.Contains("Duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOneInFileOrder()
    {
        var yaml = CatalogueText.Valid
            .Replace("frequency: Monthly", "frequency: Fortnightly", StringComparison.Ordinal)
            .Replace("- id: team-manager-reflective-case-review", "- id: Team_Manager_RCR", StringComparison.Ordinal)
            .Replace("    role: all-staff\n", string.Empty, StringComparison.Ordinal)
            .Replace("chair: null", "chair: head-of-nowhere", StringComparison.Ordinal)
            .Replace("    purpose: Monitor practice standards\n", string.Empty, StringComparison.Ordinal);

        var result = Load(yaml);

        Assert.False(result.IsValid);
        Assert.Collection(result.Errors,
            e => Assert.Equal(("duties[0]", "frequency"), (e.Path, e.Field)),
            e => Assert.Equal(("duties[1]", "purpose"), (e.Path, e.Field)),
            e => Assert.Equal(("duties[1]", "id"), (e.Path, e.Field)),
            e => Assert.Equal(("duties[2]", "role"), (e.Path, e.Field)),
            e => Assert.Equal(("bodies[0]", "chair"), (e.Path, e.Field)));
        Assert.Equal(result.Errors.OrderBy(e => e.Line), result.Errors);
        Assert.Contains("not a valid id", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal("unknown role 'head-of-nowhere'; the roles are: team-manager, all-staff", result.Errors[4].Message);
    }

    [Fact]
    public void Load_MissingRequiredField_NamesTheField()
    {
        var error = SingleError(CatalogueText.With("    purpose: Monitor performance\n", string.Empty));

        Assert.Equal("purpose", error.Field);
        Assert.StartsWith("required field 'purpose' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyRequiredField_IsAnError()
    {
        var error = SingleError(CatalogueText.With("task: 1-2-1 Supervisions", "task: \"  \""));

        Assert.Equal("task", error.Field);
        Assert.StartsWith("'task' must not be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltField_IsReportedNotIgnored()
    {
        var yaml = CatalogueText.With("    perReport: true\n", "    perReport: true\n    perRepot: false\n");

        var error = SingleError(yaml);

        Assert.Equal("perRepot", error.Field);
        Assert.Equal(CatalogueText.LineOf(yaml, "perRepot"), error.Line);
        Assert.StartsWith("unknown field 'perRepot'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Team-Manager-RCR")]
    [InlineData("team--manager-rcr")]
    [InlineData("team_manager_rcr")]
    [InlineData("-team-manager-rcr")]
    [InlineData("team-manager-rcr-")]
    [InlineData("team manager rcr")]
    public void Load_BadSlug_IsRefused(string id)
    {
        var error = SingleError(CatalogueText.With("- id: team-manager-reflective-case-review", $"- id: \"{id}\""));

        Assert.Equal(("duties[1]", "id"), (error.Path, error.Field));
        Assert.StartsWith($"'{id}' is not a valid id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RoleIdThatIsNotASlug_IsReportedWhereverItIsUsed()
    {
        var result = Load(CatalogueText.Valid
            .Replace("id: team-manager\n", "id: Team_Manager\n", StringComparison.Ordinal)
            .Replace("role: team-manager\n", "role: Team_Manager\n", StringComparison.Ordinal));

        Assert.Equal([("roles[0]", "id"), ("duties[0]", "role"), ("duties[1]", "role")], result.Errors.Select(e => (e.Path, e.Field)));
    }

    [Fact]
    public void Load_DutyWithAMistake_IsStillKnownToDutiesThatReferToIt()
    {
        var error = SingleError(CatalogueText.With("    frequency: Monthly\n", "    frequency: Fortnightly\n"));

        Assert.Equal(("duties[0]", "frequency"), (error.Path, error.Field));
    }

    [Fact]
    public void Load_MetByPointingNowhere_IsAnError()
    {
        var yaml = CatalogueText.With("metBy: [team-manager-supervision]", "metBy: [team-manager-supervisions]");

        var error = SingleError(yaml);

        Assert.Equal("metBy", error.Field);
        Assert.Equal(CatalogueText.LineOf(yaml, "metBy:"), error.Line);
        Assert.Equal("metBy names 'team-manager-supervisions', which is not a duty in the catalogue", error.Message);
    }

    [Fact]
    public void Load_MetByADutyNotOwedPerReport_IsAnError()
    {
        var error = SingleError(CatalogueText.With("metBy: [team-manager-supervision]", "metBy: [team-manager-reflective-case-review]"));

        Assert.Contains("not owed once per person managed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BodyWithoutChairField_AsksForAnExplicitNull()
    {
        var error = SingleError(CatalogueText.With("    chair: null\n", string.Empty));

        Assert.Equal(("bodies[0]", "chair"), (error.Path, error.Field));
        Assert.Contains("write null where the framework does not state it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BodyWithStatedChairAndRhythm_CarriesThem()
    {
        var yaml = CatalogueText.Valid
            .Replace("chair: null", "chair: team-manager", StringComparison.Ordinal)
            .Replace("    frequency: null", "    frequency: Bi-monthly meetings", StringComparison.Ordinal);

        var body = Assert.Single(Load(yaml).Catalogue!.Bodies);

        Assert.Equal(new RoleId("team-manager"), body.Chair);
        Assert.Equal(new FixedRhythm(FixedCadence.EveryTwoMonths, 6), body.Rhythm);
        Assert.Equal("Bi-monthly meetings", body.Frequency);
    }

    [Fact]
    public void Load_BodyWithNoCadence_IsRefused()
    {
        var error = SingleError(CatalogueText.With("    frequency: null", "    frequency: As required"));

        Assert.Equal(("bodies[0]", "frequency"), (error.Path, error.Field));
        Assert.Contains("meeting cadence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ChairDutyLinkedToBodyWithAnotherChair_IsAnError()
    {
        var yaml = CatalogueText.With(
            "    perReport: true\n",
            "    perReport: true\n    meeting: chair\n    body: qa-board\n");

        var error = SingleError(yaml);

        Assert.Equal(("duties[0]", "body"), (error.Path, error.Field));
        Assert.Contains("does not state its chair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ChairDutyOfAnotherRoleThanTheBodysChair_NamesBoth()
    {
        var yaml = CatalogueText.Valid
            .Replace("chair: null", "chair: team-manager", StringComparison.Ordinal)
            .Replace("    metBy: [team-manager-supervision]\n", "    metBy: [team-manager-supervision]\n    meeting: chair\n    body: qa-board\n", StringComparison.Ordinal);

        var error = SingleError(yaml);

        Assert.Equal(("duties[2]", "body"), (error.Path, error.Field));
        Assert.Equal(
            "this duty has role 'all-staff' chair 'qa-board', but the body says 'team-manager' chairs it: set chair: all-staff on the body, or correct the duty",
            error.Message);
    }

    [Fact]
    public void Load_BodyWithUnknownChairLinkedToAChairDuty_IsReportedOnceAtTheBody()
    {
        var yaml = CatalogueText.Valid
            .Replace("chair: null", "chair: chief-executive", StringComparison.Ordinal)
            .Replace("    perReport: true\n", "    perReport: true\n    meeting: chair\n    body: qa-board\n", StringComparison.Ordinal);

        var error = SingleError(yaml);

        Assert.Equal(("bodies[0]", "chair"), (error.Path, error.Field));
    }

    [Fact]
    public void Load_DutyLinkedToBodyWithoutMeeting_AsksWhetherItChairsOrAttends()
    {
        var error = SingleError(CatalogueText.With("    perReport: true\n", "    perReport: true\n    body: qa-board\n"));

        Assert.Contains("meeting: chair or meeting: attend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DutyLinkedToUnknownBody_IsAnError()
    {
        var error = SingleError(CatalogueText.With("    perReport: true\n", "    perReport: true\n    meeting: attend\n    body: no-such-board\n"));

        Assert.StartsWith("unknown body 'no-such-board'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownStatutoryRule_IsAnError()
    {
        var yaml = CatalogueText.With(
            "    frequency: Monthly\n",
            "    frequency: In line with statutory intervals and agreed standards\n    statutoryRules: [cla-review, cp-review]\n");

        var error = SingleError(yaml);

        Assert.Equal("statutoryRules", error.Field);
        Assert.Equal("unknown statutory rule 'cp-review'; the rules declared under statutoryRules are: cla-review", error.Message);
    }

    [Fact]
    public void Load_StatutoryRuleThatIsDeclared_GivesAStatutoryRhythm()
    {
        var yaml = CatalogueText.With(
            "    frequency: Monthly\n",
            "    frequency: In line with statutory intervals and agreed standards\n    statutoryRules: [cla-review]\n");

        var duty = Load(yaml).Catalogue!.FindDuty(new DutyId("team-manager-supervision"))!;

        Assert.Equal(new StatutoryRhythm(["cla-review"]), duty.Rhythm);
    }

    [Fact]
    public void Load_DutyOverridesBiMonthly_ReadsItAsTwiceAMonth()
    {
        var yaml = CatalogueText.With("    frequency: Bi-monthly\n", "    frequency: Bi-monthly\n    biMonthly: twice-a-month\n");

        var duty = Load(yaml).Catalogue!.FindDuty(new DutyId("team-manager-reflective-case-review"))!;

        Assert.Equal(new FixedRhythm(FixedCadence.TwiceMonthly, 24), duty.Rhythm);
        Assert.Contains("this entry's biMonthly", duty.Interpretation, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProgrammeDutyWithOwnPerYear_UsesIt()
    {
        var yaml = CatalogueText.With("    frequency: Monthly\n", "    frequency: Annual programme of visits\n    perYear: 10\n");

        var duty = Load(yaml).Catalogue!.FindDuty(new DutyId("team-manager-supervision"))!;

        Assert.Equal(new ProgrammeRhythm(ProgrammeSettings.AnnualProgrammeOfVisits, 10), duty.Rhythm);
    }

    [Fact]
    public void Load_ProgrammeWithoutItsSetting_NamesTheSetting()
    {
        var error = SingleError(CatalogueText.With("    frequency: Monthly\n", "    frequency: Annual programme of meetings\n"));

        Assert.Equal("frequency", error.Field);
        Assert.Contains("programmes.annual-programme-of-meetings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownProgrammeSetting_IsAnError()
    {
        var error = SingleError(CatalogueText.With("    annual-programme-of-visits: 4\n", "    annual-programme-of-visits: 4\n    annual-programme-of-visit: 5\n"));

        Assert.Equal(("settings.programmes", "annual-programme-of-visit"), (error.Path, error.Field));
    }

    [Fact]
    public void Load_BadBiMonthlySetting_ListsTheChoices()
    {
        var error = SingleError(CatalogueText.With("biMonthly: every-two-months", "biMonthly: sometimes"));

        Assert.Equal(("settings", "biMonthly"), (error.Path, error.Field));
        Assert.Equal("'biMonthly' must be one of every-two-months, twice-a-month, not 'sometimes'", error.Message);
    }

    [Fact]
    public void Load_FrequencyPartNotInFrequency_IsAnError()
    {
        var error = SingleError(CatalogueText.With("    frequency: Monthly\n", "    frequency: Monthly\n    frequencyPart: Quarterly\n"));

        Assert.Equal("frequencyPart", error.Field);
    }

    [Fact]
    public void Load_FrequencyPart_ReadsTheRhythmFromThePart()
    {
        var yaml = CatalogueText.With(
            "    frequency: Monthly\n",
            "    frequency: Monthly supervision, bi-annual My Plan/PDR\n    frequencyPart: bi-annual My Plan/PDR\n");

        var duty = Load(yaml).Catalogue!.FindDuty(new DutyId("team-manager-supervision"))!;

        Assert.Equal("Monthly supervision, bi-annual My Plan/PDR", duty.Frequency);
        Assert.Equal("bi-annual My Plan/PDR", duty.FrequencyPart);
        Assert.Equal(new FixedRhythm(FixedCadence.TwiceYearly, 2), duty.Rhythm);
    }

    [Fact]
    public void Load_CompoundFrequencyWithoutPart_AdvisesSplitting()
    {
        var error = SingleError(CatalogueText.With("    frequency: Monthly\n", "    frequency: Monthly supervision, bi-annual My Plan/PDR\n"));

        Assert.Contains("more than one rhythm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongFormat_IsAnError()
    {
        var error = SingleError(CatalogueText.With("version: 1", "format: 2\nversion: 1"));

        Assert.Equal(("format", 1), (error.Field, error.Line));
        Assert.Contains("reads catalogue format 1, not 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FirstVersionWithoutADate_HasAlwaysBeenInEffect()
    {
        var catalogue = Load(CatalogueText.Valid).Catalogue!;

        Assert.Equal((1, (DateOnly?)null), (catalogue.Version, catalogue.EffectiveFrom));
    }

    [Fact]
    public void Load_LaterVersionWithItsDate_CarriesBoth()
    {
        var catalogue = Load(CatalogueText.With("version: 1", "version: 2\neffectiveFrom: 2027-04-01")).Catalogue!;

        Assert.Equal((2, (DateOnly?)new DateOnly(2027, 4, 1)), (catalogue.Version, catalogue.EffectiveFrom));
    }

    [Fact]
    public void Load_LaterVersionWithoutADate_IsAnErrorSayingWhyItIsNeeded()
    {
        var error = SingleError(CatalogueText.With("version: 1", "version: 2"));

        Assert.Equal(("effectiveFrom", 1), (error.Field, error.Line));
        Assert.Contains("version 2 must say the date it takes effect", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-13-01")]
    [InlineData("1 April 2027")]
    public void Load_EffectiveFromNotADate_IsAnErrorOnItsLine(string value)
    {
        var error = SingleError(CatalogueText.With("version: 1", $"version: 2\neffectiveFrom: {value}"));

        Assert.Equal(("effectiveFrom", 2), (error.Field, error.Line));
        Assert.Contains("is not a date: write it as yyyy-MM-dd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyText_SaysTheFileIsEmpty()
    {
        var error = SingleError(string.Empty);

        Assert.Equal(1, error.Line);
        Assert.Contains("the file is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TextThatIsNotAMapping_IsAnError()
    {
        var error = SingleError("- just\n- a list\n");

        Assert.Contains("must be a mapping", error.Message, StringComparison.Ordinal);
    }
}
