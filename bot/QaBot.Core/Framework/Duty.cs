namespace QaBot.Core.Framework;

/// <summary>One task line of the framework's responsibilities table, with one rhythm.</summary>
/// <param name="Task">The task wording as the framework writes it.</param>
/// <param name="Frequency">The frequency exactly as the framework writes it.</param>
/// <param name="PerReport">True where the duty is owed once per person managed (supervision, My Plan/PDR).</param>
/// <param name="MetBy">Duties of other roles whose records also meet this one (a supervisee's own supervision duty).</param>
public sealed record Duty(
    DutyId Id,
    RoleId RoleId,
    string Task,
    string Purpose,
    string Frequency,
    Rhythm Rhythm,
    bool PerReport,
    SourceRow SourceRow,
    IReadOnlyList<DutyId> MetBy);
