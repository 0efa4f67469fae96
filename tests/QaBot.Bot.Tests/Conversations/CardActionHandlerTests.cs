using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Turns;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// Presses that must write nothing, through the real registrations with the in-memory stores: a card older than the
/// item, and a press on an item that is not the presser's, which gets exactly the answer a press on a made-up item id
/// gets, so that pressing buttons cannot reveal which item ids exist.
/// </summary>
[Trait("Category", "Fast")]
public sealed class CardActionHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly InMemoryTrackingStore _tracking = new();
    private readonly InMemoryDirectoryStore _directory = InMemoryDirectoryStore.With(Areas, People);
    private readonly ServiceProvider _services;
    private readonly TrackedItem _item = TestItems.Open("occ-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 11, 10));

    public CardActionHandlerTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddQaBot(configuration)
            .AddSingleton<ITrackingStore>(_tracking)
            .AddSingleton<IDirectoryStore>(_directory)
            .AddSingleton<IConversationReferenceStore>(new InMemoryConversationReferenceStore())
            .BuildServiceProvider();
        Assert.Equal(1, _tracking.AddIfAbsentAsync([NewItem.Of(_item)], TestItems.Origin).GetAwaiter().GetResult());
    }

    public void Dispose() => _services.Dispose();

    private async Task<InvokeResponse> PressAsync(int by, string verb, TrackedItem item)
    {
        var person = (await _directory.GetPersonAsync(Id(by)))!;
        var data = ActionData.ForItem(new ViewState(CardView.Digest), item, 0);
        var turn = new IncomingTurn
        {
            Kind = TurnKind.CardAction,
            ActivityId = "activity-1",
            Sender = new TurnSender(person.Id, "29:test"),
            ChannelId = "msteams",
            ConversationId = "a:test",
            CardAction = new CardAction(verb, data.ToJsonString(), IsAutomaticRefresh: false),
        };
        return await _services.GetRequiredService<CardActionHandler>().HandleAsync(turn, person, Now, CancellationToken.None);
    }

    private TrackedItem MadeUp => _item with { Id = new OccurrenceId("occ-no-such-item") };

    [Fact]
    public async Task Done_OnACardOlderThanTheItem_AnswersTheRedrawnCardWithTheNoticeAndWritesNothing()
    {
        await _tracking.UpdateAsync(_item.Key, i => ItemTransitions.Reply(i, TestItems.Reply(i, ReplyKind.Rescheduled, new DateOnly(2026, 11, 24))));
        var audit = (await _tracking.GetAuditTrailAsync(_item.Key)).Count;

        var answer = await PressAsync(6, CardVerbs.Done, _item);

        Assert.Equal((InvokeResponseKind.Card, 200), (answer.Kind, answer.StatusCode));
        Assert.Contains(CardActionHandler.StaleCard, answer.CardJson, StringComparison.Ordinal);
        var stored = (await _tracking.GetAsync(_item.Key))!;
        Assert.Equal((ItemStatus.Rescheduled, 2), (stored.Status, stored.Version));
        Assert.Equal(audit, (await _tracking.GetAuditTrailAsync(_item.Key)).Count);
    }

    [Theory]
    [InlineData("item.done")]
    [InlineData("item.notApplicable")]
    public async Task Reply_SomeoneElsesItem_SameAnswerAsAnItemThatDoesNotExist(string verb)
    {
        var notYours = await PressAsync(7, verb, _item);
        var missing = await PressAsync(7, verb, MadeUp);

        Assert.Equal((404, CardActionHandler.ItemNotFoundCode, CardActionHandler.ItemNotFound), (notYours.StatusCode, notYours.ErrorCode, notYours.Text));
        Assert.Equal(missing, notYours);
        Assert.Equal(1, (await _tracking.GetAsync(_item.Key))!.Version);
    }

    [Fact]
    public async Task Nudge_ItemTheyMayNotNudgeAbout_SameAnswerAsAnItemThatDoesNotExist()
    {
        // Person 9 is an elected member: no item is theirs to nudge about.
        var notAllowed = await PressAsync(9, CardVerbs.Nudge, _item);
        var missing = await PressAsync(9, CardVerbs.Nudge, MadeUp);

        Assert.Equal((404, CardActionHandler.ItemNotFoundCode, CardActionHandler.ItemNotFound), (notAllowed.StatusCode, notAllowed.ErrorCode, notAllowed.Text));
        Assert.Equal(missing, notAllowed);
        Assert.Equal(0, (await _tracking.GetAsync(_item.Key))!.NudgeCount);
    }
}
