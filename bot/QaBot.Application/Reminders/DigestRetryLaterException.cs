namespace QaBot.Application.Reminders;

/// <summary>
/// The digest could not be delivered this time (Teams kept throttling or failing, or another sender holds it) and
/// is left on the queue for a later try. The Functions host, and the local sender, put the message back; after the
/// last allowed try the delivery records the digest as failed instead of throwing.
/// </summary>
public sealed class DigestRetryLaterException : Exception
{
    public DigestRetryLaterException()
    {
    }

    public DigestRetryLaterException(string message)
        : base(message)
    {
    }

    public DigestRetryLaterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
