using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using QaBot.Application.Assurance;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Core.Assurance;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Assurance;

/// <summary>Person 4, team manager of Chesterfield Team 1, reviews person 6's work; 4's line is 3, 2 and 1; 5 manages another team.</summary>
[Trait("Category", "Fast")]
public sealed class RecordReviewTests
{
    private const string Duty = "team-manager-reflective-case-review";
    private static readonly DateOnly Due = new(2026, 11, 30);
    private readonly Council _council = new();
    private readonly InMemoryReviewStore _reviews = new();
    private readonly Mock<IConversationSender> _sender = new();
    private readonly List<OutboundMessage> _sent = [];
    private readonly TrackedItem _item;

    public RecordReviewTests()
    {
        _item = _council.Add("rcr-1", 4, Due, Duty);
        _council.Chat(6);
        _sender.Setup(s => s.SendAsync(It.IsAny<ConversationReference>(), It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ConversationReference _, OutboundMessage message, CancellationToken _) => _sent.Add(message))
            .ReturnsAsync(new SendOutcome { Status = SendStatus.Sent, ActivityId = "1:sent" });
    }

    private RecordReview UseCase(AssuranceOptions? options = null) => new(
        _council.Tracking, _reviews, _council.Directory, _council.Conversations, _sender.Object, new TextReviews(), Council.Rules,
        new CaseReferencePattern(CaseReferencePattern.Default), options ?? new AssuranceOptions(), NullLogger<RecordReview>.Instance);

    private static ReviewForm Form(string development = "Chronology is out of date.") => new(
        "102938", Id(6).Value, [ReviewForm.FileReadPart, ReviewForm.ConversationPart, ReviewForm.FeedbackPart],
        "Mum said the worker listened.", "Good", "The child's voice is clear throughout.", development, ["Recording"], Council.Today,
        [
            new ReviewActionInput("Update the chronology", Id(6).Value, Council.Today.AddDays(14)),
            new ReviewActionInput("Plan review in supervision", Id(4).Value, Council.Today.AddDays(21)),
        ]);

    private Task<ReviewOutcome> SubmitAsync(ReviewForm? form = null, int by = 4, AssuranceOptions? options = null) =>
        UseCase(options).ExecuteAsync(new ReviewRequest(Council.Person(by), _item.Key, 1, form ?? Form(), Council.Now, Council.Teams), CancellationToken.None);

    [Fact]
    public async Task Execute_CompleteForm_KeepsTheReviewMakesTheActionsItemsAndMarksTheReviewDone()
    {
        var outcome = await SubmitAsync();

        Assert.Equal(ReviewOutcomeKind.Recorded, outcome.Kind);
        var review = await _reviews.GetAsync(_item.Id);
        Assert.Equal(("102938", "Good", 2), (review!.Case.Value, review.Judgement, review.Actions.Count));
        var audit = Assert.Single(await _reviews.GetAuditTrailAsync(_item.Id));
        Assert.Equal(("recorded", Actor.Person(Id(4)), "review:rcr-1"), (audit.Action, audit.Actor, audit.Subject));
        var done = _council.Get(_item);
        Assert.Equal((ItemStatus.Done, Council.Today), (done.Status, done.CompletedOn));

        var workerItems = await _council.Tracking.GetOpenItemsAsync(Council.Person(6));
        var action = Assert.Single(workerItems);
        Assert.Equal((ReviewAction.DutyId, Council.Today.AddDays(14), "Update the chronology"), (action.Duty.Value, action.Due, action.Note));
        Assert.Equal(review.Actions[0].ItemId, action.Id);
        Assert.NotEmpty(action.RemindAt);
        Assert.Contains(await _council.Tracking.GetOpenItemsAsync(Council.Person(4)), i => i.Id == review.Actions[1].ItemId);
        Assert.True(outcome.PractitionerTold);
        Assert.Equal("learning for rcr-1 from Person 4: judgement Good; actions Update the chronology (Person 6), Plan review in supervision (Person 4)", Assert.Single(_sent).Text);
    }

    [Fact]
    public async Task Execute_ActionItems_AreOverdueAndEscalateLikeAnyItem()
    {
        await SubmitAsync();
        var action = Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        var later = Council.Today.AddDays(40);

        var overdue = await _council.Tracking.GetOutstandingAsync(Chesterfield, Council.Rules.OverdueDueBefore(later));

        Assert.Contains(overdue, i => i.Id == action.Id);
        Assert.Equal(Id(4), Chart.EscalationChain(Id(6), later)[0].Id);
    }

    [Fact]
    public async Task Execute_SecondSubmission_ChangesNothing()
    {
        await SubmitAsync();
        var version = _council.Get(_item).Version;

        var again = await SubmitAsync(Form("A different note"));

        Assert.Equal(ReviewOutcomeKind.AlreadyRecorded, again.Kind);
        Assert.Equal("Chronology is out of date.", (await _reviews.GetAsync(_item.Id))!.Development);
        Assert.Equal(1, _reviews.Writes);
        Assert.Equal(version, _council.Get(_item).Version);
        Assert.Single(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        Assert.Single(_sent);
    }

    [Fact]
    public async Task Execute_DateOfBirthInANote_IsRefusedAndNothingIsWritten()
    {
        var outcome = await SubmitAsync(Form("Chronology omits DOB 03/04/2019."));

        Assert.Equal(ReviewOutcomeKind.Invalid, outcome.Kind);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(ReviewForm.Fields.Development, problem.Field);
        Assert.Contains("date of birth", problem.Message, StringComparison.Ordinal);
        Assert.Null(await _reviews.GetAsync(_item.Id));
        Assert.Equal((ItemStatus.Open, 1), (_council.Get(_item).Status, _council.Get(_item).Version));
        Assert.Empty(await _council.Tracking.GetOpenItemsAsync(Council.Person(6)));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task Execute_SomeoneElsesItemOrNotAReview_IsNotFound()
    {
        Assert.Equal(ReviewOutcomeKind.NotFound, (await SubmitAsync(by: 5)).Kind);
        var supervision = _council.Add("sup-1", 4, Due);
        var outcome = await UseCase().ExecuteAsync(new ReviewRequest(Council.Person(4), supervision.Key, 1, Form(), Council.Now, Council.Teams), CancellationToken.None);
        Assert.Equal(ReviewOutcomeKind.NotFound, outcome.Kind);
        Assert.Null(await _reviews.GetAsync(_item.Id));
    }

    [Fact]
    public async Task Execute_CouncilHidesTheJudgement_PractitionerIsToldTheLearningOnly()
    {
        await SubmitAsync(options: new AssuranceOptions { HideJudgementFromPractitioner = true });

        Assert.StartsWith("learning for rcr-1 from Person 4: judgement hidden;", Assert.Single(_sent).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ReviewerTheirLineAndQaTeam_MayReadOthersMayNot()
    {
        await SubmitAsync();
        var qa = _council.Save(NewPerson(20, Department, null, new RoleId("qa-complaints-manager")));
        var policy = Policy with { DepartmentRoles = OrganisationPolicy.DefaultDepartmentRoles.Select(r => new RoleId(r)).ToHashSet() };
        var query = new ReviewQuery(_reviews, _council.Directory, policy, Council.Rules.Calendar);

        foreach (var reader in new[] { Council.Person(4), Council.Person(3), Council.Person(1), qa })
        {
            Assert.NotNull(await query.GetAsync(reader, _item.Id, Council.Now, CancellationToken.None));
        }

        foreach (var outsider in new[] { Council.Person(5), Council.Person(7), Council.Person(6), Council.Person(11) })
        {
            Assert.Null(await query.GetAsync(outsider, _item.Id, Council.Now, CancellationToken.None));
        }
    }

    private sealed class TextReviews : IReviewRenderer
    {
        public OutboundMessage RenderLearning(ReviewLearning learning) => OutboundMessage.FromText(
            $"learning for {learning.Review.Item} from {learning.ReviewerName}: judgement {learning.Judgement ?? "hidden"}; actions "
            + string.Join(", ", learning.Actions.Select(a => $"{a.Action.Text} ({a.OwnerName})")));
    }
}
