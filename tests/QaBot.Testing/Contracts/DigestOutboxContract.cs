using QaBot.Application.Reminders;
using Xunit;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Testing.Contracts;

/// <summary>
/// What every <see cref="IDigestOutbox"/> must do; a derived class supplies a fresh outbox whose queues do not exist
/// yet, and a way to give a message up as the queue host does after its last attempt.
/// </summary>
public abstract class DigestOutboxContract : IAsyncLifetime
{
    private static readonly DigestBundle Message = new("run-20261120T090000Z", new DateOnly(2026, 11, 20), [Id(6)]);

    protected abstract IDigestOutbox Outbox { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Puts <paramref name="text"/> where digests go after their last attempt.</summary>
    protected abstract Task GiveUpAsync(string text);

    [Fact]
    public async Task GetBacklogAsync_QueuesNotCreated_IsEmpty()
    {
        Assert.Equal(new DigestBacklog(0, 0), await Outbox.GetBacklogAsync());
        Assert.Empty(await Outbox.PeekGivenUpAsync(10));
    }

    [Fact]
    public async Task EnqueueAsync_QueuesNotCreated_Fails() =>
        await Assert.ThrowsAnyAsync<Exception>(() => Outbox.EnqueueAsync(Message));

    [Fact]
    public async Task EnqueueAsync_AfterCreating_CountsAsWaiting()
    {
        await Outbox.CreateIfMissingAsync();
        await Outbox.CreateIfMissingAsync();

        await Outbox.EnqueueAsync(Message);
        await Outbox.EnqueueAsync(new DigestBundle(Message.RunId, Message.AsOf, [Id(7), Id(8)]));

        Assert.Equal(new DigestBacklog(2, 0), await Outbox.GetBacklogAsync());
        Assert.Empty(await Outbox.PeekGivenUpAsync(10));
    }

    [Fact]
    public async Task PeekGivenUpAsync_DigestsAndSomethingUnreadable_DescribesEachDigestWithoutTakingThem()
    {
        await Outbox.CreateIfMissingAsync();
        await GiveUpAsync(new DigestBundle(Message.RunId, Message.AsOf, [Id(6), Id(7)]).ToJson());
        await GiveUpAsync("not a digest");

        var peeked = await Outbox.PeekGivenUpAsync(10);

        Assert.Equal(3, peeked.Count);
        Assert.Equal((Message.RunId, Id(6).Value, null), (peeked[0].RunId, peeked[0].Person, peeked[0].Problem));
        Assert.Equal((Message.RunId, Id(7).Value, peeked[0].MessageId), (peeked[1].RunId, peeked[1].Person, peeked[1].MessageId));
        Assert.Equal((null, null), (peeked[2].RunId, peeked[2].Person));
        Assert.Contains("not a digest message", peeked[2].Problem, StringComparison.Ordinal);
        Assert.All(peeked, p => Assert.False(string.IsNullOrEmpty(p.MessageId)));
        Assert.Equal(new DigestBacklog(0, 2), await Outbox.GetBacklogAsync());
    }
}
