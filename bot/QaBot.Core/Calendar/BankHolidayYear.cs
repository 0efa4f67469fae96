namespace QaBot.Core.Calendar;

/// <summary>One year of bank holidays. <see cref="Provisional"/> years were worked out from the rules, not published.</summary>
public sealed record BankHolidayYear(int Year, IReadOnlyList<BankHoliday> Days, bool Provisional, string? Note);
