namespace QaBot.Application.Sync;

/// <summary>One or more parts of the scheduled Graph work did not complete; the message names each.</summary>
public sealed class GraphSyncFailedException : Exception
{
    public GraphSyncFailedException(IReadOnlyList<string> failures)
        : base("Graph sync did not complete: " + string.Join("; ", failures))
    {
        Failures = failures;
    }

    public GraphSyncFailedException()
    {
        Failures = [];
    }

    public GraphSyncFailedException(string message)
        : base(message)
    {
        Failures = [message];
    }

    public GraphSyncFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [message];
    }

    public IReadOnlyList<string> Failures { get; }
}
