using QaBot.Core.Organisation;

namespace QaBot.Core.Meetings;

/// <summary>Someone invited to a meeting: a person from the directory (addressed by their UPN), or an address from the meetings file.</summary>
public sealed record MeetingAttendee(string Address, string Name, PersonId? Person, bool Chair);
