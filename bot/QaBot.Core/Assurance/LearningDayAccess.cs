using QaBot.Core.Organisation;

namespace QaBot.Core.Assurance;

/// <summary>
/// Which practice learning days a person may see, decided on the server: the QA team and leaders see the whole
/// programme (as for audits, <see cref="AuditAccess.SeesProgramme"/>); anyone else the days they lead or take part in.
/// Teams shows no case reference or summary of a day's activities, and the follow-up visits' state only to the QA team
/// and leaders; the activities in full are read with the CLI (<c>qabot learning-days show</c>), which is the QA team's and IT's.
/// </summary>
public static class LearningDayAccess
{
    public static bool Sees(Person viewer, LearningDay day, OrganisationPolicy policy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(day);
        return viewer.Active && (AuditAccess.SeesProgramme(viewer, policy, on) || day.Lead == viewer.Id || day.Participants.Contains(viewer.Id));
    }
}
