using Microsoft.Extensions.Options;
using QaBot.Infrastructure.Reminders;

namespace QaBot.Infrastructure.Storage;

/// <summary>Checks that Backup:Schedule is an NCRONTAB expression (six fields, UTC) the Functions timer can read.</summary>
internal sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReminderSchedule.TryParse(options.Schedule, out _, out var problem)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Backup:Schedule: {problem}");
    }
}
