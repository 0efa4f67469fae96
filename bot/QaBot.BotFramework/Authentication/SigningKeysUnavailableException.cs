namespace QaBot.BotFramework.Authentication;

/// <summary>The signing keys could not be fetched and none are cached: no request can be authenticated.</summary>
internal sealed class SigningKeysUnavailableException : Exception
{
    public SigningKeysUnavailableException()
    {
    }

    public SigningKeysUnavailableException(string message)
        : base(message)
    {
    }

    public SigningKeysUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
