namespace QaBot.Application.Storage;

/// <summary>The outcome of a conditional write: saved with its new version, or a conflict.</summary>
public readonly record struct WriteResult(WriteStatus Status, string? Version)
{
    public static WriteResult Conflict { get; } = new(WriteStatus.Conflict, null);

    public bool Saved => Status == WriteStatus.Saved;

    public static WriteResult SavedAs(string version) => new(WriteStatus.Saved, version);
}
