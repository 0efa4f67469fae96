namespace QaBot.Application.Meetings;

/// <summary>
/// The calendar service refused a request, or could not be reached after retries: for example 403 when the organiser
/// mailbox is outside the app's Exchange management scope. Carries the status and the service's error code, never
/// the request's content.
/// </summary>
public sealed class CalendarRequestException : Exception
{
    public CalendarRequestException(string operation, int status, string? code, Exception? innerException = null)
        : base($"{operation} failed: HTTP {status}{(code is null ? string.Empty : " " + code)}.", innerException)
    {
        Operation = operation;
        Status = status;
        Code = code;
    }

    public CalendarRequestException()
    {
        Operation = string.Empty;
    }

    public CalendarRequestException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public CalendarRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public string Operation { get; }

    public int Status { get; }

    public string? Code { get; }
}
