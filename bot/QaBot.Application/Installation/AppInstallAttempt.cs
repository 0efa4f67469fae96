namespace QaBot.Application.Installation;

/// <summary>What one install request came to: installed or already installed (with the chat id when found), or failed with the status and error code.</summary>
public sealed record AppInstallAttempt(AppInstallStatus Status, string? ChatId, int? HttpStatus, string? ErrorCode)
{
    public static AppInstallAttempt Failed(int? status, string? code) => new(AppInstallStatus.Failed, null, status, code);

    public string? Error => Status == AppInstallStatus.Failed
        ? (HttpStatus is { } s ? $"HTTP {s}" : "no response") + (ErrorCode is null ? string.Empty : " " + ErrorCode)
        : null;
}
