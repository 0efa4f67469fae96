using QaBot.Core.Framework;

namespace QaBot.Core.Meetings.Schedules;

/// <summary>
/// Who a meeting invites, resolved from the directory whenever a sync runs: everyone holding <see cref="Role"/>
/// (working anywhere, within <see cref="AreaPath"/>, or within the meeting's own area when <see cref="EachArea"/>), or
/// one address outside the directory (<see cref="Email"/>).
/// </summary>
/// <param name="Line">Where the rule stands in the meetings file, for problems found when it is resolved.</param>
public sealed record AttendeeRule(RoleId? Role, string? AreaPath, bool EachArea, string? Email, string? Name, int Line, string Path)
{
    public override string ToString() => Email is not null
        ? Email
        : Role!.Value.Value + (EachArea ? " in the meeting's area" : AreaPath is null ? string.Empty : " in " + AreaPath);
}
