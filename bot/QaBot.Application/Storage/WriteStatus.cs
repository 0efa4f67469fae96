namespace QaBot.Application.Storage;

public enum WriteStatus
{
    Saved,

    /// <summary>Someone else changed (or created) the record first: read it again and decide, never overwrite blindly.</summary>
    Conflict,
}
