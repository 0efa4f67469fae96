using QaBot.Core.Assurance;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Testing.Organisation;

namespace QaBot.Core.Tests.Assurance;

[Trait("Category", "Fast")]
public sealed class ReviewFormTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);
    private static readonly OccurrenceId Item = new("team-manager-reflective-case-review.2026-11.x");
    private static readonly Person Manager = TestDirectory.People[3];
    private static readonly Person Worker = TestDirectory.People[5];
    private static readonly Person OtherWorker = TestDirectory.People[6];

    private static ReviewCheckContext Context(ReviewSettings? settings = null) => new(
        Item, Manager.HomeArea, Manager.Id, TestDirectory.People, settings ?? ReviewSettings.Default,
        new CaseReferencePattern(CaseReferencePattern.Default),
        new PersonalIdentifierCheck(new CaseReferencePattern(CaseReferencePattern.Default)),
        Today, new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

    public static ReviewForm Valid() => new(
        "102938",
        Worker.Id.Value,
        [ReviewForm.FileReadPart, ReviewForm.ConversationPart, ReviewForm.FeedbackPart],
        "Mum said the worker listened and explained the plan.",
        "Good",
        "Clear analysis of risk; the child's voice is present throughout.",
        "Chronology is out of date.",
        ["Voice of the child", "recording"],
        new DateOnly(2026, 12, 3),
        [
            new ReviewActionInput("Update the chronology", Worker.Id.Value, new DateOnly(2026, 12, 18)),
            new ReviewActionInput("Discuss the plan in supervision", Manager.Upn, new DateOnly(2027, 1, 8)),
            new ReviewActionInput(null, null, null),
        ]);

    [Fact]
    public void Check_CompleteForm_BuildsTheReviewWithItsActions()
    {
        var check = Valid().Check(Context());

        Assert.True(check.IsValid, string.Join("; ", check.Problems));
        var review = check.Review!;
        Assert.Equal("102938", review.Case.Value);
        Assert.Equal(Worker.Id, review.Practitioner);
        Assert.Equal(new ReviewParts(true, true, true), review.Parts);
        Assert.Equal("Good", review.Judgement);
        Assert.Equal(["Voice of the child", "Recording"], review.Themes);
        Assert.Equal(2, review.Actions.Count);
        Assert.Equal(Manager.Id, review.Actions[1].Owner);
        Assert.Equal(ReviewAction.ItemIdFor(Item, 1), review.Actions[0].ItemId);
        Assert.True(OccurrenceId.IsSafePart(review.Actions[0].ItemId.Value.Replace(".", "-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_AnAuditItem_TakesItsOwnCaseAndRefusesAnother()
    {
        var item = CaseAudit.ItemIdFor("2027-01-neglect", 2, QaBot.Core.Scheduling.Statutory.CaseReference.Parse("102938"));
        var context = Context() with { Item = item };

        Assert.Equal("102938", CaseAudit.CaseOfItem(item));
        Assert.Null(CaseAudit.CaseOfItem(Item));
        Assert.True(Valid().Check(context).IsValid);
        var refused = (Valid() with { Case = "2345678" }).Check(context);
        Assert.False(refused.IsValid);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal((ReviewForm.Fields.Case, "This item is the audit of case 102938: record that case here."), (problem.Field, problem.Message));
    }

    [Theory]
    [InlineData("Smith1", ReviewForm.Fields.Case)]
    [InlineData("", ReviewForm.Fields.Case)]
    public void Check_CaseReferenceNotInTheCouncilsFormat_IsRefusedNamingTheField(string reference, string field)
    {
        var check = (Valid() with { Case = reference }).Check(Context());

        Assert.False(check.IsValid);
        Assert.Equal(field, Assert.Single(check.Problems).Field);
    }

    [Fact]
    public void Check_DateOfBirthInANote_IsRefusedSayingWhyAndWhatInstead()
    {
        var check = (Valid() with { Development = "Chronology omits DOB 03/04/2019 and the school move." }).Check(Context());

        var problem = Assert.Single(check.Problems);
        Assert.Equal(ReviewForm.Fields.Development, problem.Field);
        Assert.Contains("date of birth", problem.Message, StringComparison.Ordinal);
        Assert.Contains("aged 7", problem.Message, StringComparison.Ordinal);
        Assert.Null(check.Review);
    }

    [Fact]
    public void Check_ManyProblems_AreAllListedEachWithItsField()
    {
        var form = Valid() with
        {
            Practitioner = "nobody@council.example",
            Parts = [],
            Judgement = "Excellent",
            Themes = ["Weather"],
            HeldOn = Today.AddDays(1),
            Actions = [new ReviewActionInput("Ring mum on 07700 900123", OtherWorker.Id.Value, Today)],
        };

        var fields = form.Check(Context()).Problems.Select(p => p.Field).ToList();

        Assert.Equal(
            [ReviewForm.Fields.Practitioner, ReviewForm.Fields.Parts, ReviewForm.Fields.FeedbackGist, ReviewForm.Fields.Judgement, ReviewForm.Fields.Themes, ReviewForm.Fields.HeldOn, "Action 1", "Action 1"],
            fields);
    }

    [Fact]
    public void Check_JudgementAndThemes_ComeFromTheCouncilsSettings()
    {
        var settings = new ReviewSettings(["Strong", "Adequate", "Weak"], ["Neglect"], HideJudgementFromPractitioner: true);

        Assert.Equal(ReviewForm.Fields.Judgement, (Valid() with { Themes = [] }).Check(Context(settings)).Problems.Single().Field);
        var check = (Valid() with { Judgement = "strong", Themes = ["neglect"] }).Check(Context(settings));
        Assert.Equal("Strong", check.Review!.Judgement);
        Assert.Equal(["Neglect"], check.Review.Themes);
    }

    [Fact]
    public void Check_ActionDueTodayOrWithoutOwner_IsRefused()
    {
        var form = Valid() with
        {
            Actions = [new ReviewActionInput("Update plan", Worker.Id.Value, Today), new ReviewActionInput("Visit", null, Today.AddDays(7))],
        };

        var problems = form.Check(Context()).Problems;

        Assert.Equal(["Action 1", "Action 2"], problems.Select(p => p.Field));
        Assert.Contains("not in the future", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("owns the action", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReviewerAsPractitionerOrFeedbackGistWithoutFeedback_IsRefused()
    {
        Assert.Equal(ReviewForm.Fields.Practitioner, (Valid() with { Practitioner = Manager.Id.Value }).Check(Context()).Problems.Single().Field);
        Assert.Equal(ReviewForm.Fields.FeedbackGist, (Valid() with { Parts = [ReviewForm.FileReadPart] }).Check(Context()).Problems.Single().Field);
    }

    [Fact]
    public void Check_TooManyActions_IsRefused()
    {
        var actions = Enumerable.Range(1, ReviewForm.MaxActions + 1).Select(n => new ReviewActionInput($"Action {n}", Worker.Id.Value, Today.AddDays(n))).ToList();

        Assert.Equal("Action 4", (Valid() with { Actions = actions }).Check(Context()).Problems.Single().Field);
    }

    [Fact]
    public void MayRead_ReviewerTheirLineAndTheQaTeam_OnlyThem()
    {
        var review = Valid().Check(Context()).Review!;
        var line = TestDirectory.Chart.EscalationChain(Manager.Id, Today);
        var qa = TestDirectory.NewPerson(20, TestDirectory.Department, null, new RoleId("qa-complaints-manager"));
        var policy = TestDirectory.Policy with { DepartmentRoles = OrganisationPolicy.DefaultDepartmentRoles.Select(r => new RoleId(r)).ToHashSet() };

        Assert.True(ReviewAccess.MayRead(Manager, review, line, policy, Today));
        Assert.True(ReviewAccess.MayRead(TestDirectory.People[2], review, line, policy, Today));
        Assert.True(ReviewAccess.MayRead(TestDirectory.People[0], review, line, policy, Today));
        Assert.True(ReviewAccess.MayRead(qa, review, line, policy, Today));
        Assert.False(ReviewAccess.MayRead(TestDirectory.People[4], review, line, policy, Today));
        Assert.False(ReviewAccess.MayRead(Worker, review, line, policy, Today));
        Assert.False(ReviewAccess.MayRead(TestDirectory.People[9], review, line, policy, Today));
        Assert.False(ReviewAccess.MayRead(qa with { Active = false }, review, line, policy, Today));
    }
}
