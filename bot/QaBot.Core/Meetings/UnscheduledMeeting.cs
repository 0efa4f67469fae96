namespace QaBot.Core.Meetings;

/// <summary>A body (or a duty that is a meeting a role chairs) the meetings file gives no schedule, so nothing is put in calendars for it.</summary>
/// <param name="Id">The body or duty id.</param>
/// <param name="Framework">What the framework says about how often it meets, or that it says nothing.</param>
public sealed record UnscheduledMeeting(string Kind, string Id, string Name, string Framework);
