using QaBot.Core.Organisation;

namespace QaBot.Application.Delivery;

/// <summary>
/// One digest: the reminders for one person in one scheduler run. <see cref="RunId"/> is chosen by the scheduler
/// (letters, digits, '-', '_', ':' and '.'), so that a redelivered queue message finds the same ledger entry.
/// </summary>
public readonly record struct DigestKey(string RunId, PersonId Person)
{
    public static bool IsValidRunId(string? runId) =>
        !string.IsNullOrEmpty(runId) && runId.Length <= 128
        && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.');

    public override string ToString() => $"{RunId}/{Person}";
}
