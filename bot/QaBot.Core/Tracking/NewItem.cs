namespace QaBot.Core.Tracking;

/// <summary>
/// An item to add, optionally with history it already has (an import of past records, the demo council): the state
/// it was created in and the changes since, each made with <see cref="ItemTransitions"/>.
/// </summary>
public sealed record NewItem(TrackedItem Created, IReadOnlyList<ItemChange> History)
{
    public TrackedItem Current => History.Count == 0 ? Created : History[^1].After;

    public static NewItem Of(TrackedItem item) => new(item, []);

    /// <summary>Throws when the history does not follow on from the created state one version at a time.</summary>
    public void Validate()
    {
        if (Created.Version != 1)
        {
            throw new InvalidOperationException($"Item {Created.Id} must be created at version 1.");
        }

        var previous = Created;
        foreach (var change in History)
        {
            if (change.After.Id != Created.Id || change.After.Area != Created.Area || change.After.Version != previous.Version + 1)
            {
                throw new InvalidOperationException($"The history of item {Created.Id} must stay in one area and count versions up by one.");
            }

            previous = change.After;
        }
    }
}
