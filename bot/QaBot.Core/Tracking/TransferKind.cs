namespace QaBot.Core.Tracking;

public enum TransferKind
{
    /// <summary>The owner moved area: all their items, done ones included, follow them.</summary>
    MoveWithOwner,

    /// <summary>The owner left: their outstanding items go to someone else, flagged. Done items stay as history.</summary>
    ReassignOutstanding,
}
