using System.Collections.Concurrent;
using QaBot.Application.Conversations;

namespace QaBot.Bot.Tests;

/// <summary>A turn handler that records every turn and answers as the test says.</summary>
public sealed class RecordingTurnHandler : ITurnHandler
{
    private readonly ConcurrentQueue<IncomingTurn> _turns = new();

    public IReadOnlyList<IncomingTurn> Turns => [.. _turns];

    public Func<IncomingTurn, TurnResult> Respond { get; set; } = _ => TurnResult.Reply(OutboundMessage.FromText("Noted."));

    public Task<TurnResult> HandleAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        _turns.Enqueue(turn);
        return Task.FromResult(Respond(turn));
    }
}
