using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;

namespace QaBot.Infrastructure.Reminders;

/// <summary>Checks that Reminders:Schedule is an NCRONTAB expression the timer and the local scheduler can both read.</summary>
internal sealed class RemindersOptionsValidator : IValidateOptions<RemindersOptions>
{
    public ValidateOptionsResult Validate(string? name, RemindersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReminderSchedule.TryParse(options.Schedule, out _, out var problem)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Reminders:Schedule: {problem}");
    }
}
