namespace QaBot.Application.Conversations;

/// <summary>
/// The conversation logic's entry point: one authenticated activity in, what to say back out. The protocol layer
/// calls it once per activity it understands, posts the replies and returns the invoke response to the channel.
/// </summary>
public interface ITurnHandler
{
    /// <summary>
    /// Handles one turn. Expected refusals (not your item, unknown person) are values in the result; an exception
    /// is treated as a bug: it is logged and the person gets a polite generic apology.
    /// </summary>
    Task<TurnResult> HandleAsync(IncomingTurn turn, CancellationToken cancellationToken);
}
