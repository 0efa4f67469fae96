namespace QaBot.Core.Framework;

/// <summary>A role in the framework's responsibilities table, with its duties in the order the framework lists them.</summary>
public sealed record Role(RoleId Id, string Name, IReadOnlyList<Duty> Duties)
{
    /// <summary>
    /// Held by everyone with people reporting to them, without being given in the directory ("all managers are
    /// expected to provide regular, high quality supervision"), unless another role they hold already owes its duties
    /// once per person managed.
    /// </summary>
    public bool EveryManager { get; init; }
}
