using QaBot.Core.Calendar;

namespace QaBot.Core.Scheduling;

/// <summary>One period of a rhythm: a month, a two-month block, a quarter, a half-term...</summary>
/// <param name="Key">The period's part of the occurrence id, e.g. "2026-03", "2026-q1", "fy2026-27-h1", "2025-26-ht1".</param>
/// <param name="HalfTerm">For school cadences, the half-term or the month's term days the period follows.</param>
/// <param name="Provisional">True when the period itself comes from a provisional calendar (term dates).</param>
internal readonly record struct SchedulePeriod(string Key, DateOnly Start, DateOnly End, bool TermTime, HalfTerm? HalfTerm, bool Provisional);
