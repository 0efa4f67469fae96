using QaBot.Core.Organisation;

namespace QaBot.Core.Meetings.Schedules;

/// <summary>One meeting (or series) for every current area of <see cref="Kind"/> within <see cref="WithinPath"/>, e.g. each locality.</summary>
public sealed record EachAreaRule(string WithinPath, AreaKind Kind, int Line, string Path);
