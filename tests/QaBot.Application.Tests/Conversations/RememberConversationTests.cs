using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Conversations;
using QaBot.Testing.InMemory;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Conversations;

[Trait("Category", "Fast")]
public sealed class RememberConversationTests : IDisposable
{
    private static readonly DateTimeOffset At = Council.Now;
    private readonly InMemoryConversationReferenceStore _store = new();
    private readonly RememberConversation _remember;

    public RememberConversationTests() => _remember = new RememberConversation(_store, NullLogger<RememberConversation>.Instance);

    public void Dispose() => _remember.Dispose();

    private static ConversationReference Reference(int person = 6, string conversation = "a:1") =>
        new(Id(person), "msteams", "https://smba.example/uk/", conversation, "29:" + person, "28:bot", "tenant");

    [Fact]
    public async Task OnInstalledAsync_FirstInstall_SavesTheChatAndGreets()
    {
        Assert.True(await _remember.OnInstalledAsync(Council.Person(6), Reference(), At, CancellationToken.None));

        Assert.Equal(Reference(), (await _store.GetAsync(Id(6)))!.Reference);
    }

    [Fact]
    public async Task OnInstalledAsync_InstallAndMembersAddedTogether_GreetsOnce()
    {
        Assert.True(await _remember.OnInstalledAsync(Council.Person(6), Reference(), At, CancellationToken.None));

        Assert.False(await _remember.OnInstalledAsync(Council.Person(6), Reference(), At.AddSeconds(1), CancellationToken.None));
        Assert.True(await _remember.OnInstalledAsync(Council.Person(7), Reference(7), At.AddSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task OnInstalledAsync_InstallAndMembersAddedAtTwoInstancesOfTheBot_GreetsOnce()
    {
        using var other = new RememberConversation(_store, NullLogger<RememberConversation>.Instance);

        Assert.True(await _remember.OnInstalledAsync(Council.Person(6), Reference(), At, CancellationToken.None));

        Assert.False(await other.OnInstalledAsync(Council.Person(6), Reference(), At.AddSeconds(1), CancellationToken.None));
        Assert.True(await other.OnInstalledAsync(Council.Person(6), Reference(), At + RememberConversation.GreetingWindow, CancellationToken.None));
    }

    [Fact]
    public async Task OnInstalledAsync_AgainAfterTheGreetingWindow_GreetsAgain()
    {
        await _remember.OnInstalledAsync(Council.Person(6), Reference(), At, CancellationToken.None);

        Assert.True(await _remember.OnInstalledAsync(Council.Person(6), Reference(conversation: "a:2"), At + RememberConversation.GreetingWindow, CancellationToken.None));
        Assert.Equal("a:2", (await _store.GetAsync(Id(6)))!.Reference.ConversationId);
    }

    [Fact]
    public async Task OnInstalledAsync_EventsOutOfOrder_AnEarlierOneIsGreeted()
    {
        await _remember.OnInstalledAsync(Council.Person(6), Reference(), At, CancellationToken.None);

        Assert.True(await _remember.OnInstalledAsync(Council.Person(6), Reference(), At.AddSeconds(-1), CancellationToken.None));
    }

    [Fact]
    public async Task OnInstalledAsync_NoReferenceFromTheChannel_GreetsWithoutSaving()
    {
        Assert.True(await _remember.OnInstalledAsync(Council.Person(6), null, At, CancellationToken.None));

        Assert.Empty(await _store.ListAsync());
    }

    [Fact]
    public async Task OnInstalledAsync_OldGreetingsLeaveThisInstancesMemory_TheStoredGreetingStillCounts()
    {
        await _remember.OnInstalledAsync(Council.Person(6), Reference(), At, CancellationToken.None);
        await _remember.OnInstalledAsync(Council.Person(7), Reference(7), At + RememberConversation.GreetingWindow + TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.False(await _remember.OnInstalledAsync(Council.Person(7), Reference(7), At + RememberConversation.GreetingWindow + TimeSpan.FromSeconds(2), CancellationToken.None));
        // Person 6's greeting has left this instance's memory (an event more than the window later came since), but the
        // conversation still records it: an install event from 30 seconds after it is not greeted again.
        Assert.False(await _remember.OnInstalledAsync(Council.Person(6), Reference(), At.AddSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task OnInstalledAsync_NoPerson_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => _remember.OnInstalledAsync(null!, Reference(), At, CancellationToken.None));

    [Fact]
    public async Task OnMessageAsync_NothingKept_SavesTheChat()
    {
        await _remember.OnMessageAsync(Reference(), At, CancellationToken.None);

        Assert.Equal(At, (await _store.GetAsync(Id(6)))!.SavedAt);
    }

    [Fact]
    public async Task OnMessageAsync_SameChatKept_WritesNothing()
    {
        await _store.SaveAsync(Reference(), At.AddDays(-1));

        await _remember.OnMessageAsync(Reference(), At, CancellationToken.None);

        Assert.Equal((1, At.AddDays(-1)), (_store.Writes, (await _store.GetAsync(Id(6)))!.SavedAt));
    }

    [Fact]
    public async Task OnMessageAsync_KeptChatDifferentOrStale_ReplacesIt()
    {
        await _store.SaveAsync(Reference(), At.AddDays(-2));
        await _remember.OnMessageAsync(Reference(conversation: "a:2"), At.AddDays(-1), CancellationToken.None);
        Assert.Equal("a:2", (await _store.GetAsync(Id(6)))!.Reference.ConversationId);

        await _store.MarkStaleAsync(Id(6), "403", At.AddHours(-1));
        await _remember.OnMessageAsync(Reference(conversation: "a:2"), At, CancellationToken.None);

        Assert.False((await _store.GetAsync(Id(6)))!.IsStale);
    }

    [Fact]
    public async Task OnMessageAsync_NoReference_DoesNothing()
    {
        await _remember.OnMessageAsync(null, At, CancellationToken.None);

        Assert.Equal(0, _store.Writes);
    }

    [Fact]
    public void Constructor_MissingDependency_NamesIt()
    {
        Assert.Equal("conversations", Assert.Throws<ArgumentNullException>(() => new RememberConversation(null!, NullLogger<RememberConversation>.Instance)).ParamName);
        Assert.Equal("logger", Assert.Throws<ArgumentNullException>(() => new RememberConversation(_store, null!)).ParamName);
    }
}
